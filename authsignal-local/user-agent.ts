// Best-effort User-Agent parsing for `webauthnCredential.parsedUserAgent`, shaped like the cloud's
// (ua-parser-js) output. It only has to name the common browsers and systems, not be exact.

export interface ParsedUserAgent {
  ua: string;
  browser: { name: string; version: string; major: string };
  os: { name: string; version: string };
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
  [/OPR\/([\d.]+)/, 'Opera'],
  [/SamsungBrowser\/([\d.]+)/, 'Samsung Internet'],
  [/HeadlessChrome\/([\d.]+)/, 'Chrome Headless'],
  [/(?:Chrome|CriOS)\/([\d.]+)/, 'Chrome'],
  [/(?:Firefox|FxiOS)\/([\d.]+)/, 'Firefox'],
  [/Version\/([\d.]+).*Safari\//, 'Safari'],
  [/node|undici|axios/i, 'Node.js'],
];

const SYSTEMS: [RegExp, string][] = [
  [/Windows NT ([\d.]+)/, 'Windows'],
  [/(?:iPhone|CPU) OS ([\d_]+)/, 'iOS'],
  [/Mac OS X ([\d_.]+)/, 'macOS'],
  [/Android ([\d.]+)/, 'Android'],
  [/CrOS \S+ ([\d.]+)/, 'Chrome OS'],
  [/Linux/, 'Linux'],
];

export function parseUserAgent(ua: string): ParsedUserAgent {
  const browser = { name: '', version: '', major: '' };
  for (const [pattern, name] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser.name = name;
      browser.version = match[1] ?? '';
      browser.major = browser.version.split('.')[0] ?? '';
      break;
    }
  }
  const os = { name: '', version: '' };
  for (const [pattern, name] of SYSTEMS) {
    const match = pattern.exec(ua);
    if (match) {
      os.name = name;
      os.version = (match[1] ?? '').replace(/_/g, '.');
      break;
    }
  }
  return { ua, browser, os };
}
