import { builder } from '../builder.js';

export const StatementKindEnum = builder.enumType('StatementKind', {
  values: {
    QUOTE: { description: "The speaker's own words, quoted." },
    PARAPHRASE: { description: 'A faithful paraphrase of what the speaker said.' },
    REPORT: { description: 'A claim the speaker reported, e.g. an intelligence assessment.' },
  } as const,
});

export const StanceEnum = builder.enumType('Stance', {
  description: 'How the speaker positions itself toward a subject of its statement.',
  values: ['SUPPORTS', 'CRITICIZES', 'NEUTRAL', 'DENIES'] as const,
});

export const VerificationEnum = builder.enumType('Verification', {
  values: {
    VERIFIED: { description: 'Checked by a person.' },
    EXTRACTED: { description: 'Extracted automatically and not yet checked.' },
  } as const,
});
