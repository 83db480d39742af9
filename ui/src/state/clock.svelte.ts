// The time the screen shows ages and countdowns against, ticking once a second. Logic takes
// `now` as an argument (lib/time.ts); only this module reads the system clock for the UI.
class Clock {
  now = $state(Date.now());

  /** Ticks every second; returns the stop function. */
  start(): () => void {
    const tick = setInterval(() => (this.now = Date.now()), 1000);
    return () => clearInterval(tick);
  }
}

export const clock = new Clock();
