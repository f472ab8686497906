import { MapSkeleton } from "@/components/dependencies/map-skeleton";

export default function Loading() {
  return <MapSkeleton withHeader />;
}
