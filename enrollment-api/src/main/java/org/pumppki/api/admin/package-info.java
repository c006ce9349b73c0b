/**
 * The admin REST API under {@code /api/v1}: JSON, HTTP Basic, roles admin, biomed and auditor.
 *
 * <p>Resources that render entities are {@code @Transactional}: their views read lazy associations
 * inside the transaction that loaded them, and the answer is written only after that transaction
 * committed, so a certificate is never handed out before it is stored.
 */
package org.pumppki.api.admin;
