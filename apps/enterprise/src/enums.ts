/**
 * The enumerations the pages offer as filters and tags, in the order people read them. Their labels are in
 * i18n (`enterprise.enums.*`); the values are the API's (packages/contracts/src/enterprise.ts).
 */
export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const SIZES = ['large', 'medium', 'small', 'micro'] as const;
export const CERTIFICATIONS = ['specialized', 'little_giant', 'single_champion', 'high_tech', 'tech_sme', 'smart_workshop', 'smart_factory'] as const;
/** GB/T 4754 sections. */
export const INDUSTRIES = 'ABCDEFGHIJKLMNOPQRST'.split('');
export const APPEAL_CATEGORIES = ['financing', 'labour', 'land', 'approval', 'policy', 'logistics', 'utilities', 'legal', 'other'] as const;
export const APPEAL_SOURCES = ['enterprise', 'visit', 'hotline'] as const;
export const APPEAL_STATUSES = ['registered', 'assigned', 'objected', 'in_progress', 'resolution_reported', 'rated', 'closed'] as const;
export const SATISFACTION = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export const MATCH_STATUSES = ['matched', 'notified', 'confirmed', 'paid'] as const;
export const POLICY_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const PARK_STAGES = ['planning', 'constructing', 'operating'] as const;
export const VISIT_METHODS = ['onsite', 'phone', 'online'] as const;

/** One colour per appeal state: waiting is grey/blue, working is amber, done is green. */
export const APPEAL_STATUS_TAGS: Record<string, TagType> = {
  registered: 'info',
  assigned: 'primary',
  objected: 'danger',
  in_progress: 'warning',
  resolution_reported: 'primary',
  rated: 'success',
  closed: 'success',
};
export const SATISFACTION_TAGS: Record<string, TagType> = {
  very_satisfied: 'success',
  satisfied: 'success',
  basically_satisfied: 'primary',
  dissatisfied: 'warning',
  very_dissatisfied: 'danger',
};
export const MATCH_STATUS_TAGS: Record<string, TagType> = { matched: 'info', notified: 'primary', confirmed: 'warning', paid: 'success' };
export const POLICY_STATUS_TAGS: Record<string, TagType> = { draft: 'info', published: 'success', withdrawn: 'danger' };
export const PARK_STAGE_TAGS: Record<string, TagType> = { planning: 'info', constructing: 'warning', operating: 'success' };
