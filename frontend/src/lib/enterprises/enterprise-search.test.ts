import { describe, expect, it } from 'vitest';
import { enterpriseSearchQueryOptions, enterpriseSearchTerm } from './enterprise-search';

describe('the enterprise search', () => {
  it('sends what was typed trimmed, and at most the 100 characters the API accepts', () => {
    expect(enterpriseSearchTerm('  示例 ')).toBe('示例');
    expect(enterpriseSearchTerm('   ')).toBe('');
    expect(enterpriseSearchTerm('企'.repeat(150))).toBe('企'.repeat(100));
  });

  it('caches each search apart, the first page under the empty one', () => {
    expect(enterpriseSearchQueryOptions(' 9153 ').queryKey).toEqual(['enterprises', 'search', '9153']);
    expect(enterpriseSearchQueryOptions('').queryKey).toEqual(['enterprises', 'search', '']);
  });
});
