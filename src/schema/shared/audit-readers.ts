import type { AccessRole } from '../../auth/api-keys.js';

/**
 * Who may read the audit trail (Change: the names of API-key holders, rows before and after):
 * editors and admins, who write it, not anonymous readers. See docs/hardening.md.
 */
export const auditReaders: AccessRole = 'EDITOR';
