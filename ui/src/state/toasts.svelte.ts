// Short messages at the bottom of the screen: what just happened, or what went wrong in the
// owner's words. At most three at once; each goes away by itself.
import type { UserError } from '../bindings/UserError';

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error' | 'success';
}

class Toasts {
  items = $state<Toast[]>([]);
  private seq = 0;

  show(text: string, kind: Toast['kind'] = 'info', ms = 4500): void {
    const id = ++this.seq;
    this.items = [...this.items.slice(-2), { id, text, kind }];
    setTimeout(() => this.dismiss(id), ms);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }

  /** A refused command (a UserError from the core) or anything else that went wrong. */
  error(err: unknown): void {
    const e = err as UserError;
    this.show(e?.message ?? String(err), 'error', 7000);
  }
}

export const toasts = new Toasts();
