// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** True when the value holds a C0 control character or DEL (tabs and newlines included). */
export const hasControlCharacters = (value: string): boolean => CONTROL.test(value);
