import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api/problem';
import { initI18n } from '@/lib/i18n/i18n';
import { DetailBoundary } from './detail-boundary';

function Page({ read }: { read: () => Promise<{ name: string }> }) {
  const query = useQuery({ queryKey: ['record'], queryFn: read, retry: false });
  return (
    <DetailBoundary query={query} notFound="没有这个项目">
      {(record) => <h1>{record.name}</h1>}
    </DetailBoundary>
  );
}

const show = (read: () => Promise<{ name: string }>) =>
  render(
    // As the console's layout sets it up (no space inserted between two Chinese characters).
    <ConfigProvider button={{ autoInsertSpace: false }}>
      <QueryClientProvider client={new QueryClient()}>
        <Page read={read} />
      </QueryClientProvider>
    </ConfigProvider>,
  );

const problem = (status: number) =>
  new ApiError(status, { type: 'about:blank', title: 'x', status, code: status === 404 ? 'not_found' : 'internal', detail: '' });

describe('DetailBoundary', () => {
  beforeAll(() => initI18n('zh-CN'));

  it('says it is loading, then shows the page with the record', async () => {
    let resolve: (value: { name: string }) => void = () => {};
    show(() => new Promise((r) => (resolve = r)));
    expect(screen.getByText('加载中…')).toBeTruthy();
    resolve({ name: '年产 5 万吨饲料项目' });
    expect(await screen.findByRole('heading', { name: '年产 5 万吨饲料项目' })).toBeTruthy();
    expect(screen.queryByText('加载中…')).toBeNull();
  });

  it("a 404 shows the page's own not-found text, and trying again reads it again", async () => {
    const read = vi.fn().mockRejectedValueOnce(problem(404)).mockResolvedValueOnce({ name: '找到了' });
    show(read);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('没有这个项目');
    await userEvent.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('heading', { name: '找到了' })).toBeTruthy();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('any other failure says the record could not be read, with why', async () => {
    show(() => Promise.reject(new Error('网络中断')));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('加载失败');
    expect(alert.textContent).toContain('网络中断');
    expect(alert.textContent).not.toContain('没有这个项目');
  });
});
