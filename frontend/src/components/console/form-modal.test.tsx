import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, mapErrorToForm, type FormErrors, type Problem } from '@/lib/api/problem';
import { FormModal, type FormModalProps } from './form-modal';

interface Values {
  name: string;
  contact: { phone: string };
  items: { code: string }[];
}

const TEXTS = { cancel: 'Cancel', confirmOk: 'Go ahead', failed: 'It did not work' };
const FIELDS = ['name', 'contact.phone', 'items.0.code'];

const describeError = (error: unknown): FormErrors<string> =>
  mapErrorToForm(error, FIELDS, { network: 'No network', server: 'Server trouble' });

const invalid = (errors: { field: string; message: string }[], detail = 'Check the form') =>
  new ApiError(422, {
    type: 'urn:butler:problem:validation_failed',
    title: 'Invalid',
    status: 422,
    code: 'validation_failed',
    detail,
    errors: errors.map((e) => ({ ...e, code: 'length' })),
  } satisfies Problem);

type Overrides = Partial<Omit<FormModalProps<Values, FormErrors<string>>, 'form' | 'open' | 'onClose'>>;

/** The modal as a screen holds it: open until it closes, a button outside to open it again. */
function Harness({ onClose, ...overrides }: Overrides & { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const [open, setOpen] = useState(true);
  return (
    <AntApp>
      <Button onClick={() => setOpen(true)}>Open again</Button>
      <FormModal<Values>
        name="sample"
        open={open}
        title="Sample"
        okText="Send"
        form={form}
        texts={TEXTS}
        initialValues={{ items: [{ code: '' }] }}
        onSubmit={async () => 'Sent'}
        describeError={describeError}
        onClose={() => {
          setOpen(false);
          onClose();
        }}
        {...overrides}
      >
        <Form.Item name="name" label="Name" rules={[{ required: true, message: 'Name is required' }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['contact', 'phone']} label="Phone">
          <Input />
        </Form.Item>
        <Form.Item name={['items', 0, 'code']} label="Code">
          <Input />
        </Form.Item>
      </FormModal>
    </AntApp>
  );
}

const show = (props: Overrides = {}) => {
  const onClose = vi.fn();
  render(<Harness onClose={onClose} {...props} />);
  return { onClose };
};

const fillName = async () => userEvent.type(await screen.findByRole('textbox', { name: 'Name' }), 'Ada');
const send = async () => userEvent.click(screen.getByRole('button', { name: 'Send' }));
const alertBox = () => document.querySelector('.action-errors') as HTMLElement | null;
const fieldError = (label: string) =>
  screen.getByRole('textbox', { name: label }).closest('.ant-form-item')?.querySelector('.ant-form-item-explain');

describe('FormModal', () => {

  it('sends nothing while a field is invalid or the form’s own check fails', async () => {
    const onSubmit = vi.fn(async () => 'Sent');
    const validate = vi.fn(() => false);
    show({ onSubmit, validate });
    await send();
    expect(await screen.findByText('Name is required')).toBeTruthy();
    expect(validate).not.toHaveBeenCalled();

    await fillName();
    await send();
    await waitFor(() => expect(validate).toHaveBeenCalledTimes(1));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends the values, says what it did and closes', async () => {
    const onSubmit = vi.fn(async () => 'Saved it');
    const { onClose } = show({ onSubmit });
    await fillName();
    await send();
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'Ada' }));
    expect(await screen.findByText('Saved it')).toBeTruthy();
  });

  it('asks once more before sending when told to', async () => {
    const onSubmit = vi.fn(async () => 'Sent');
    show({ onSubmit, danger: true, confirm: { title: 'Really send?', content: 'It cannot be undone.' } });
    await fillName();
    await send();
    await waitFor(() => expect(document.querySelector('.ant-modal-confirm-title')?.textContent).toBe('Really send?'));
    expect(screen.getByText('It cannot be undone.')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    const ok = screen.getByRole('button', { name: 'Go ahead' });
    expect(ok.className).toContain('ant-btn-dangerous');
    await userEvent.click(ok);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
  });

  it('puts server messages next to their fields, nested and indexed ones too, and the rest above', async () => {
    const onSubmit = vi.fn(async () => {
      throw invalid([
        { field: 'body.contact.phone', message: 'Not a phone number' },
        { field: 'items[0].code', message: 'Unknown code' },
        { field: 'elsewhere', message: 'Something else is wrong' },
      ]);
    });
    const { onClose } = show({ onSubmit });
    await fillName();
    await send();
    await waitFor(() => expect(fieldError('Phone')?.textContent).toBe('Not a phone number'));
    expect(fieldError('Code')?.textContent).toBe('Unknown code');
    // Two messages above the form: the general title and a list.
    const box = alertBox();
    expect(box).not.toBeNull();
    expect(within(box as HTMLElement).getByText('It did not work')).toBeTruthy();
    expect(within(box as HTMLElement).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Check the form',
      'Something else is wrong',
    ]);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('titles the alert with the message itself when there is one, and clears it on cancel', async () => {
    show({
      onSubmit: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await fillName();
    await send();
    await waitFor(() => expect(alertBox()).not.toBeNull());
    expect(within(alertBox() as HTMLElement).getByText('No network')).toBeTruthy();
    expect(within(alertBox() as HTMLElement).queryByRole('list')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(screen.getByRole('button', { name: 'Open again' }));
    await screen.findByRole('textbox', { name: 'Name' });
    expect(alertBox()).toBeNull();
  });

  it('offers what the caller adds to the alert, with a way to close the modal', async () => {
    const reload = vi.fn();
    const { onClose } = show({
      onSubmit: async () => {
        throw invalid([], 'Someone changed it');
      },
      errorAction: (errors, close) => (
        <Button
          onClick={() => {
            reload(errors.form);
            close();
          }}
        >
          Reload
        </Button>
      ),
    });
    await fillName();
    await send();
    await userEvent.click(await screen.findByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledWith(['Someone changed it']);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
