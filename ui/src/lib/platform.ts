// Which desktop the app runs on, for advice that differs per OS (the keychain to unlock).
// The webview's user agent says it (WebKitGTK: "X11; Linux", WKWebView: "Macintosh",
// WebView2: "Windows"); anything else gets the Linux advice.
export type Platform = 'linux' | 'macos' | 'windows';

export function platform(ua: string = typeof navigator === 'undefined' ? '' : navigator.userAgent): Platform {
  if (/Macintosh|Mac OS X|iPhone|iPad/.test(ua)) return 'macos';
  if (/Windows/.test(ua)) return 'windows';
  return 'linux';
}
