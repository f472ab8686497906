import { RoomSkeleton } from "@/components/incidents/room/room-skeleton";

export default function Loading() {
  return <RoomSkeleton />;
}
