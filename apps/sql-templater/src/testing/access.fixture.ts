import { CatalogLoader, type Catalog } from '@chatbi/catalog';
import type { AttributeValue } from '@chatbi/contracts';
import { FIXTURE_CATALOG_YAML, FIXTURE_RELATIONSHIPS_YAML, activityRows, cityRows, clickRows } from './activity.fixture';

/**
 * Access rules over the templater's fixture: an analyst reads one app's activity from a level up,
 * the cities of their regions and their app's clicks, and may not see revenue (nor arpu, computed
 * from it); an admin reads everything.
 */
export const FIXTURE_ACCESS_YAML = `
version: 1
access:
  - { role: analyst, view: activity, rows: "app_name = :user.app AND level >= :user.min_level", hide: [revenue] }
  - { role: analyst, view: cities, rows: "region IN (:user.regions)" }
  - { role: analyst, view: clicks_hourly, rows: "app_name = :user.app" }
  - { role: admin, view: "*" }
`;

export const ANALYST: { roles: string[]; attributes: Record<string, AttributeValue> } = {
  roles: ['analyst'],
  attributes: { app: 'main', min_level: 2, regions: ['east'] },
};

/** The fixture catalog with the access rules above. */
export function fixtureCatalogWithAccess(): Catalog {
  return new CatalogLoader().loadSources([
    { file: 'templater-fixture.yaml', text: FIXTURE_CATALOG_YAML },
    { file: 'templater-relationships.yaml', text: `version: 1${FIXTURE_RELATIONSHIPS_YAML}` },
    { file: 'templater-access.yaml', text: FIXTURE_ACCESS_YAML },
  ]);
}

/** The rows ANALYST may read, computed here: an engine holding only these must answer as the policy does. */
export function analystRows() {
  return {
    activity: activityRows().filter((r) => r.app_name === 'main' && r.level >= 2),
    cities: cityRows().filter((c) => c.Region === 'east'),
    clicks: clickRows().filter((r) => r.app_name === 'main'),
  };
}
