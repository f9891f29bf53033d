import { createHmac } from 'node:crypto';

const OPENING = /[[【〔〖「『{]/gu;
const CLOSING = /[\]】〕〗」』}]/gu;

/**
 * The form of an enterprise name that its id is derived from: NFKC (full-width letters, digits
 * and brackets become ASCII), every whitespace character removed, and every kind of bracket
 * written as ASCII parentheses, so that "XX（河北）有限公司", "XX(河北)有限公司" and
 * "XX【河北】 有限公司" give the same id.
 */
export function normalizeEnterpriseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').replace(OPENING, '(').replace(CLOSING, ')');
}

/**
 * The pseudonymous enterprise_id of an enterprise name: "E" and the first 16 hex digits of
 * HMAC-SHA256 keyed with the salt (the salt file's text) over the normalized name (UTF-8).
 * The same name and salt give the same id in every quarter; without the salt the id cannot be
 * traced back to the name by trying names.
 */
export function enterpriseId(salt: string, name: string): string {
  return `E${createHmac('sha256', salt).update(normalizeEnterpriseName(name), 'utf8').digest('hex').slice(0, 16)}`;
}
