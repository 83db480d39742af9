// Resumen: today's figures and those of the chosen period, each next to the period before.
import type { Kpis } from '../bindings/Kpis';
import type { Period } from '../bindings/Period';
import { ipc } from '../ipc';
import { toasts } from './toasts.svelte';

class Summary {
  today = $state<Kpis | null>(null);
  current = $state<Kpis | null>(null);
  private token = 0;

  async loadToday(): Promise<void> {
    try {
      this.today = await ipc.kpis({ kind: 'today' });
    } catch (err) {
      toasts.error(err);
    }
  }

  /** The chosen period's figures; an answer for a period chosen before is dropped. */
  async load(period: Period): Promise<void> {
    const token = ++this.token;
    try {
      const kpis = await ipc.kpis(period);
      if (token === this.token) this.current = kpis;
    } catch (err) {
      toasts.error(err);
    }
  }
}

export const summary = new Summary();
