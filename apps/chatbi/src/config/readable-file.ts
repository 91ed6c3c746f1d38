import { accessSync, constants } from 'node:fs';

/** Whether this process can read the file (a setting naming a certificate or key is checked at start-up). */
export function isReadableFile(file: string): boolean {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
