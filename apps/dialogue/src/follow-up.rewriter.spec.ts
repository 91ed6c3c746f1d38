import { CatalogLoader } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { describeFollowUp, rewriteFollowUp } from './follow-up.rewriter';

const catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);

describe('rewriteFollowUp', () => {
  it.each([
    ['DAU of the main app over the last 7 days', 'what about the lite app?', 'DAU of the lite app over the last 7 days'],
    ['近7天主版DAU', '极速版呢', '近7天极速版DAU'],
    ['上周极速版的完播率', '崩溃率呢', '上周极速版的崩溃率'],
    ['top 5 provinces by DAU last week', 'what about ARPU?', 'top 5 provinces by ARPU last week'],
    ['DAU of the main app over the last 7 days', 'and by operating system', 'DAU of the main app over the last 7 days, by operating system'],
    ['近7天主版DAU', '加上周同比', '近7天主版DAU，周同比'],
    ['DAU by city', 'by os instead', 'DAU by os'],
    ['DAU of the main app yesterday', 'only Android', 'DAU of the main app yesterday, for Android'],
  ])('%s + %s', (base, followUp, expected) => {
    expect(rewriteFollowUp(catalog, base, followUp, '2026-11-21')).toBe(expected);
  });

  it('names the complete question it follows up on, in the language it was asked in', () => {
    expect(describeFollowUp('DAU of the lite app', 'DAU of the main app')).toBe('DAU of the lite app (following up on "DAU of the main app")');
    expect(describeFollowUp('近7天极速版DAU', '近7天主版DAU')).toBe('近7天极速版DAU（接上文：近7天主版DAU）');
  });
});
