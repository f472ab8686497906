import type { ComponentType } from "react";
import type { SectionKey } from "@/server/contracts/plans";
import { CallTreeForm } from "./call-tree-form";
import { FrontDeskScriptForm } from "./front-desk-script-form";
import { MaintenancePrepForm } from "./maintenance-prep-form";
import { OfficePreparationForm } from "./office-preparation-form";
import { OutageOwnerForm } from "./outage-owner-form";
import { ProviderWorkflowForm } from "./provider-workflow-form";
import { ReconciliationForm } from "./reconciliation-form";
import { ScheduleContinuityForm } from "./schedule-continuity-form";
import type { SectionFormProps } from "./section-form";
import { TiersForm } from "./tiers-form";
import { TriageForm } from "./triage-form";
import { VisitRulesForm } from "./visit-rules-form";

/** The form of each plan section. */
export const sectionForms: { [K in SectionKey]: ComponentType<SectionFormProps<K>> } = {
  outageOwner: OutageOwnerForm,
  triage: TriageForm,
  scheduleContinuity: ScheduleContinuityForm,
  visitRules: VisitRulesForm,
  frontDeskScript: FrontDeskScriptForm,
  providerWorkflow: ProviderWorkflowForm,
  reconciliation: ReconciliationForm,
  tiers: TiersForm,
  maintenancePrep: MaintenancePrepForm,
  officePreparation: OfficePreparationForm,
  callTree: CallTreeForm,
};

export type { SectionFormProps } from "./section-form";
