import { QueryClient, QueryClientProvider, infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigProvider } from 'antd';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cursorPaging, type CursorPage } from '@/lib/api/cursor-pages';
import { initI18n } from '@/lib/i18n/i18n';
import { CursorTable } from './cursor-table';

interface Row {
  id: string;
  name: string;
}

type Read = (cursor: string | null) => Promise<CursorPage<Row>>;

function List({ read }: { read: Read }) {
  const query = useInfiniteQuery(
    infiniteQueryOptions({ queryKey: ['rows'], queryFn: ({ pageParam }) => read(pageParam), ...cursorPaging, retry: false }),
  );
  return <CursorTable<Row> query={query} columns={[{ key: 'name', dataIndex: 'name', title: '名称' }]} aria-label="部门" />;
}

const show = (read: Read) =>
  render(
    <ConfigProvider button={{ autoInsertSpace: false }}>
      <QueryClientProvider client={new QueryClient()}>
        <List read={read} />
      </QueryClientProvider>
    </ConfigProvider>,
  );

const names = () =>
  within(screen.getByRole('table', { name: '部门' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.textContent);

describe('CursorTable', () => {
  beforeAll(() => initI18n('zh-CN'));

  it('shows the first page, then asks for the next one with its cursor and appends it', async () => {
    const read = vi.fn<Read>(async (cursor) =>
      cursor === null
        ? { items: [{ id: '1', name: '发展改革局' }, { id: '2', name: '自然资源局' }], next_cursor: 'c2' }
        : { items: [{ id: '3', name: '水务局' }], next_cursor: null },
    );
    show(read);
    await screen.findByText('发展改革局');
    expect(names()).toEqual(['发展改革局', '自然资源局']);

    await userEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await screen.findByText('水务局');
    expect(names()).toEqual(['发展改革局', '自然资源局', '水务局']);
    expect(read.mock.calls.map(([cursor]) => cursor)).toEqual([null, 'c2']);
    // The last page had no next cursor: nothing more to load.
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
  });

  it('says when the list is empty, with no button to load more', async () => {
    show(async () => ({ items: [], next_cursor: null }));
    expect(await screen.findByText('暂无数据')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
  });

  it('says why the list could not be read, and reads it again on 重试', async () => {
    const read = vi
      .fn<Read>()
      .mockRejectedValueOnce(new Error('网络中断'))
      .mockResolvedValueOnce({ items: [{ id: '1', name: '发展改革局' }], next_cursor: null });
    show(read);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('网络中断');
    await userEvent.click(within(alert).getByRole('button', { name: '重试' }));
    await waitFor(() => expect(names()).toEqual(['发展改革局']));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
