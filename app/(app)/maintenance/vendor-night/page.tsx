import { addDays } from "date-fns";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { VendorNightForm } from "@/components/maintenance/vendor-night-form";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/permissions";
import { getQueryClient, trpc } from "@/server/rsc";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Vendor maintenance night" };

export default async function VendorNightPage() {
  const user = await requireUser();
  if (!can(user.role, "maintenance.vendorNight")) notFound();
  const catalog = await getQueryClient().fetchQuery(
    trpc.vendors.list.queryOptions({ search: "", page: 1, pageSize: 200 }),
  );
  const day = (offset: number) => addDays(new Date(), offset).toISOString().slice(0, 10);
  return (
    <>
      <PageHeader
        title="Vendor maintenance night"
        description="An EHR vendor's maintenance night: one linked window at every practice on that vendor, each at its own local time, with its prep list and notices."
      />
      <VendorNightForm
        vendors={catalog.items.map((vendor) => ({ id: vendor.id, name: vendor.name }))}
        defaults={{ startsLocal: `${day(1)}T22:00`, endsLocal: `${day(2)}T02:00` }}
      />
    </>
  );
}
