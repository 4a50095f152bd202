/** The built-in rule table: one module per provider family. */
import type { RuleSpec } from '../types.js';
import { cloudRules } from './cloud.js';
import { vcsRules } from './vcs.js';
import { registryRules } from './registries.js';
import { aiRules } from './ai.js';
import { paymentRules } from './payments.js';
import { messagingRules } from './messaging.js';
import { saasRules } from './saas.js';
import { keyRules } from './keys.js';
import { connectionRules } from './connection.js';
import { httpRules } from './http.js';
import { genericRules } from './generic.js';

export const RULE_FAMILIES: Record<string, readonly RuleSpec[]> = {
  cloud: cloudRules,
  'vcs-ci': vcsRules,
  registries: registryRules,
  ai: aiRules,
  payments: paymentRules,
  messaging: messagingRules,
  saas: saasRules,
  'private-keys-jwt': keyRules,
  'connection-strings': connectionRules,
  http: httpRules,
  generic: genericRules,
};

export const RULES: readonly RuleSpec[] = Object.values(RULE_FAMILIES).flat();
