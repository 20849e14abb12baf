import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import FormField from '../src/components/FormField.vue';

describe('a form field', () => {
  const field = (props: Record<string, unknown>) =>
    mount(FormField, {
      props: { id: 'user-password', label: '初始密码', ...props },
      slots: { default: (bind: object) => h('input', bind) },
    });

  it('ties its label to the control and names its hint and error as what describes it', () => {
    const wrapper = field({ required: true, hint: '至少 8 位', error: '密码至少 8 位' });
    const input = wrapper.get('input');
    expect(wrapper.get('label').attributes('for')).toBe('user-password');
    expect(input.attributes('id')).toBe('user-password');
    expect(input.attributes('aria-describedby')).toBe('user-password-hint user-password-error');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('#user-password-hint').text()).toBe('至少 8 位');
    expect(wrapper.get('#user-password-error').text()).toBe('密码至少 8 位');
    expect(wrapper.get('.req').attributes('aria-hidden')).toBe('true');
  });

  it('keeps an empty, polite error line while the field is fine, so an error is read out when it comes', () => {
    const wrapper = field({});
    const input = wrapper.get('input');
    expect(input.attributes('aria-describedby')).toBe('user-password-error');
    expect(input.attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.get('#user-password-error').attributes('aria-live')).toBe('polite');
    expect(wrapper.get('#user-password-error').text()).toBe('');
    expect(wrapper.find('.req').exists()).toBe(false);
  });
});
