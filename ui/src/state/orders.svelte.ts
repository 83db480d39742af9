// The order list: filters, rows loaded page by page with the keyset cursor, the selected row
// for the keyboard, a reload that keeps what is on screen when orders change, the counts per
// status and the warehouses and tags the filter sheet offers.
import type { Counts } from '../bindings/Counts';
import type { Facets } from '../bindings/Facets';
import type { OrderSummary } from '../bindings/OrderSummary';
import { ipc } from '../ipc';
import { emptyFilters, toQuery, type Filters } from '../lib/filters';
import { shop } from './shop.svelte';
import { toasts } from './toasts.svelte';

export const PAGE = 100;
export const SEARCH_DEBOUNCE_MS = 150;

class OrderList {
  filters = $state<Filters>(emptyFilters());
  /**
   * The loaded rows: a plain array (never proxied: up to 100,000 rows) that pages are pushed
   * onto in place, so appending a page costs the page, not a copy of everything loaded
   * (copying made scrolling to row n cost O(n²) overall). `version` is the signal readers
   * depend on; `rows` reads it.
   */
  private list: OrderSummary[] = [];
  private version = $state(0);
  next = $state<string | null>(null);
  loading = $state(true);
  loadingMore = $state(false);
  selected = $state(0);
  /** Loaded at least once (first-rows mark for the performance test). */
  ready = $state(false);
  counts = $state<Counts | null>(null);
  /** Bumped each time orders changed (orders://changed), for views that show totals. */
  changes = $state(0);
  private token = 0;

  /** The loaded rows, newest first. Treat as read-only: write through `replaceRows`/`appendRows`. */
  get rows(): readonly OrderSummary[] {
    void this.version;
    return this.list;
  }

  private replaceRows(next: OrderSummary[]): void {
    this.list = next;
    this.version++;
  }

  private appendRows(page: OrderSummary[]): void {
    for (const row of page) this.list.push(row);
    this.version++;
  }
  private searchTimer: ReturnType<typeof setTimeout> | null = null;

  /** Loads the first rows again; `keep` rows (what was on screen) are reloaded in one go. */
  async reload(keep = PAGE): Promise<void> {
    const token = ++this.token;
    this.loading = this.rows.length === 0;
    try {
      const page = await ipc.listOrders(toQuery(this.filters, null, Math.min(Math.max(keep, PAGE), 500), shop.store?.timezone));
      if (token !== this.token) return;
      this.replaceRows(page.orders);
      this.next = page.next;
      this.selected = Math.min(this.selected, Math.max(0, page.orders.length - 1));
    } catch (err) {
      if (token === this.token) toasts.error(err);
    } finally {
      if (token === this.token) {
        this.loading = false;
        this.ready = true;
      }
    }
  }

  async loadMore(): Promise<void> {
    if (!this.next || this.loadingMore) return;
    const token = this.token;
    this.loadingMore = true;
    try {
      const page = await ipc.listOrders(toQuery(this.filters, this.next, PAGE, shop.store?.timezone));
      if (token !== this.token) return;
      this.appendRows(page.orders);
      this.next = page.next;
    } catch (err) {
      toasts.error(err);
    } finally {
      this.loadingMore = false;
    }
  }

  setFilters(f: Filters): void {
    this.filters = f;
    this.selected = 0;
    this.replaceRows([]);
    void this.reload();
  }

  /** Search while typing: the last keystroke within the debounce wins. */
  setSearch(text: string): void {
    this.filters = { ...this.filters, search: text };
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.selected = 0;
      void this.reload();
    }, SEARCH_DEBOUNCE_MS);
  }

  async refreshCounts(): Promise<void> {
    try {
      this.counts = await ipc.counts();
    } catch (err) {
      toasts.error(err);
    }
  }

  /** Every warehouse and tag among the cached orders; rejects when the core cannot answer. */
  facets(): Promise<Facets> {
    return ipc.facets();
  }

  move(delta: number): void {
    if (this.rows.length === 0) return;
    this.selected = Math.min(this.rows.length - 1, Math.max(0, this.selected + delta));
    if (this.selected >= this.rows.length - 20) void this.loadMore();
  }
}

export const orders = new OrderList();
