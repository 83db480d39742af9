// The connect form of Ajustes, per platform: which fields it asks for and what is missing
// before anything is sent. Pure, so it is tested without a page.
import type { PlatformKind } from '../bindings/PlatformKind';
import type { MessageKey } from '../i18n/index.svelte';

export const PLATFORMS: { kind: PlatformKind; label: MessageKey }[] = [
  { kind: 'orders_api', label: 'settings.p_orders_api' },
  { kind: 'woocommerce', label: 'settings.p_woocommerce' },
  { kind: 'shopify', label: 'settings.p_shopify' },
];

export interface ConnectFields {
  /** Label of the address field. */
  url: MessageKey;
  urlPlaceholder: string;
  /** Label of the key field, when the platform has one (WooCommerce). */
  key: MessageKey | null;
  keyPlaceholder: string;
  /** Label of the secret (token) field. */
  secret: MessageKey;
  secretPlaceholder: string;
  /** Where to find the credentials. */
  hints: MessageKey[];
}

export function connectFields(kind: PlatformKind): ConnectFields {
  switch (kind) {
    case 'woocommerce':
      return {
        url: 'settings.woo_url',
        urlPlaceholder: 'https://tienda.cl',
        key: 'settings.woo_key',
        keyPlaceholder: 'ck_…',
        secret: 'settings.woo_secret',
        secretPlaceholder: 'cs_…',
        hints: ['settings.woo_hint', 'settings.woo_differs'],
      };
    case 'shopify':
      return {
        url: 'settings.shopify_domain',
        urlPlaceholder: 'tienda.myshopify.com',
        key: null,
        keyPlaceholder: '',
        secret: 'settings.shopify_token',
        secretPlaceholder: 'shpat_…',
        hints: ['settings.shopify_hint', 'settings.shopify_scopes'],
      };
    default:
      return {
        url: 'settings.url',
        urlPlaceholder: 'https://tienda.example.com',
        key: null,
        keyPlaceholder: '',
        secret: 'settings.token',
        secretPlaceholder: '',
        hints: ['settings.token_hint'],
      };
  }
}

/** What is missing before connecting, or `null` when the form can be sent. */
export function missing(kind: PlatformKind, url: string, key: string, secret: string): MessageKey | null {
  if (url.trim() === '') return 'settings.need_url';
  if (kind === 'woocommerce' && (key.trim() === '' || secret.trim() === '')) return 'settings.need_keys';
  if (secret.trim() === '') return 'settings.need_token';
  return null;
}

export function platformLabel(kind: PlatformKind | undefined): MessageKey {
  return PLATFORMS.find((p) => p.kind === kind)?.label ?? 'settings.p_orders_api';
}
