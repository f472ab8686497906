import "server-only";
import {
  commitVendorImport,
  createVendor,
  deleteVendor,
  exportPracticeVendorsCsv,
  linkVendor,
  listPracticeVendors,
  listVendors,
  markVerified,
  previewVendorImport,
  unlinkVendor,
  updateLink,
  updateVendor,
} from "@/server/services/vendors";
import {
  createVendorSchema,
  csvImportSchema,
  linkRefSchema,
  linkVendorSchema,
  listVendorsSchema,
  updateLinkSchema,
  updateVendorSchema,
  vendorRefSchema,
} from "@/server/contracts/vendors";
import { mspProcedure, practiceProcedure, router } from "@/server/trpc";

export const vendorsRouter = router({
  list: mspProcedure("vendors.read")
    .input(listVendorsSchema)
    .query(({ ctx, input }) => ctx.run((s) => listVendors(s, input))),
  create: mspProcedure("vendors.write")
    .input(createVendorSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => createVendor(s, input))),
  update: mspProcedure("vendors.write")
    .input(updateVendorSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateVendor(s, input))),
  delete: mspProcedure("vendors.write")
    .input(vendorRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => deleteVendor(s, input))),
  forPractice: practiceProcedure("vendors.read").query(({ ctx, input }) =>
    ctx.run((s) => listPracticeVendors(s, input.practiceId)),
  ),
  link: practiceProcedure("vendors.write")
    .input(linkVendorSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => linkVendor(s, input))),
  updateLink: practiceProcedure("vendors.write")
    .input(updateLinkSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => updateLink(s, input))),
  unlink: practiceProcedure("vendors.write")
    .input(linkRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => unlinkVendor(s, input))),
  markVerified: practiceProcedure("vendors.write")
    .input(linkRefSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => markVerified(s, input))),
  exportCsv: practiceProcedure("vendors.read").query(({ ctx, input }) =>
    ctx.run((s) => exportPracticeVendorsCsv(s, input.practiceId)),
  ),
  previewImport: practiceProcedure("vendors.write")
    .input(csvImportSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => previewVendorImport(s, input))),
  commitImport: practiceProcedure("vendors.write")
    .input(csvImportSchema)
    .mutation(({ ctx, input }) => ctx.run((s) => commitVendorImport(s, input))),
});
