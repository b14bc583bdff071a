/** Service prefixes known to the action database. */
import { readDataJson } from './data-files.js';

let services: ReadonlySet<string> | undefined;
let serviceList: readonly string[] | undefined;
let names: Readonly<Record<string, string>> | undefined;

function loadServices(): ReadonlySet<string> {
  if (services === undefined) {
    serviceList = Object.freeze(readDataJson('services.json') as string[]);
    services = new Set(serviceList);
  }
  return services;
}

/** Case-insensitive: IAM treats `S3:GetObject` and `s3:getobject` alike. */
export function serviceExists(prefix: string): boolean {
  return loadServices().has(prefix.toLowerCase());
}

/** Every service prefix, lower case, in the data's order. */
export function allServices(): readonly string[] {
  loadServices();
  return serviceList as readonly string[];
}

/** Human name of a service ('s3' -> 'Amazon S3'), for messages. */
export function serviceDisplayName(prefix: string): string | undefined {
  names ??= readDataJson('serviceNames.json') as Record<string, string>;
  return names[prefix.toLowerCase()];
}
