import { describe, expect, it } from 'vitest';
import { platform } from './platform';

describe('platform', () => {
  it('tells the desktop from the webview user agent', () => {
    expect(platform('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko)')).toBe('linux');
    expect(platform('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15')).toBe('macos');
    expect(platform('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Edg/120.0')).toBe('windows');
    expect(platform('')).toBe('linux');
  });
});
