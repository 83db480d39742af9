import { beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../bindings/Settings';
import type { SyncStatus } from '../bindings/SyncStatus';
import { DEFAULT_SETTINGS } from '../bindings/defaults';
import type { Command } from '../bindings/commands';
import { useTransport } from '../ipc';
import { outbox } from './outbox.svelte';
import { settings } from './settings.svelte';
import { shop } from './shop.svelte';
import { toasts } from './toasts.svelte';

/** A transport that records each command and answers from `answers` (a function may throw). */
function fake(answers: Partial<Record<Command, (args?: Record<string, unknown>) => unknown>>): Command[] {
  const calls: Command[] = [];
  useTransport({
    invoke: async <T>(command: Command, args?: Record<string, unknown>) => {
      calls.push(command);
      const answer = answers[command];
      if (!answer) throw { code: 'internal', message: `no answer for ${command}` };
      return answer(args) as T;
    },
    listen: async () => () => {},
  });
  return calls;
}

const status = (pending: number) => ({ pending_actions: pending, failed_actions: 0 }) as SyncStatus;
const settle = () => new Promise((ok) => setTimeout(ok, 0));

describe('the state modules call the backend for the components', () => {
  beforeEach(() => {
    shop.status = null;
    outbox.items = [];
    toasts.items = [];
  });

  it('reloads the queue only when the sync status says its counts moved', async () => {
    const calls = fake({ outbox: () => [] });
    shop.set(status(1));
    shop.set(status(1));
    await settle();
    expect(calls, 'the first status and no repeat for the same counts').toEqual(['outbox']);
    shop.set(status(0));
    await settle();
    expect(calls, 'a queued action left: the queue is asked again').toEqual(['outbox', 'outbox']);
  });

  it('dismisses a failed action, then reloads the queue and the status', async () => {
    const calls = fake({ dismiss_action: () => null, outbox: () => [], sync_status: () => status(0) });
    await outbox.dismiss('a1');
    expect(calls.slice(0, 3), 'dismiss, then what the queue and the header show').toEqual(['dismiss_action', 'outbox', 'sync_status']);
    expect(toasts.items, 'nothing went wrong').toEqual([]);
  });

  it('shows saved settings at once and takes them back when the core refuses', async () => {
    settings.value = structuredClone(DEFAULT_SETTINGS);
    fake({
      set_settings: () => {
        throw { code: 'invalid_settings', message: 'No se pudo guardar.' };
      },
    });
    const saving = settings.patch({ ring_every_s: 5 } as Partial<Settings>);
    expect(settings.value.ring_every_s, 'on screen before the core answers').toBe(5);
    await saving;
    expect(settings.value.ring_every_s, 'back to what was saved').toBe(DEFAULT_SETTINGS.ring_every_s);
    expect(
      toasts.items.map((t) => t.text),
      'the refusal is told in the core’s words',
    ).toEqual(['No se pudo guardar.']);
  });

  it('connects through the platform command unless it is the Orders API', async () => {
    const calls = fake({ connect: () => status(0), connect_platform: () => status(0), outbox: () => [] });
    await shop.connect('orders_api', 'https://tienda.example', '', 'token');
    await shop.connect('woocommerce', 'https://tienda.example', 'ck', 'cs');
    expect(
      calls.filter((c) => c.startsWith('connect')),
      'one command per kind of shop',
    ).toEqual(['connect', 'connect_platform']);
  });
});
