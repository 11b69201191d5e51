// Safeguard Flow: Tasklist's Complete for forms with a repeating list (a form-js "dynamiclist").
//
// form-js as bundled with Camunda 7.24 (bpmn-io/form-js#1494) clears a field's error inside a list by
// deleting errors[fieldId][row], which leaves errors[fieldId] behind as an empty array. Tasklist
// counts Object.keys(errors) to enable Complete, so once any field of a list row is filled (a date,
// a text, a number) Complete stays disabled with no message shown. This script, loaded through
// Tasklist's supported customScripts (see WebAppBranding), drops error entries that hold no message
// whenever the form stores its state; entries with a message are kept as they are, so the form's own
// validation ("Field is required.") still shows and still blocks Complete.
const CHUNKS = 'webpackChunkcamunda_bpm_webapp';
// The module Tasklist's Camunda Forms directive requires for form-js's Form in the 7.24.0 web apps.
const FORM_JS_MODULE = 57661;

function holdsAMessage(value) {
  if (typeof value === 'string') return value.length > 0;
  if (value && typeof value === 'object') return Object.values(value).some(holdsAMessage);
  return false;
}

function withoutEmptyEntries(errors) {
  return Object.fromEntries(Object.entries(errors).filter(([, messages]) => holdsAMessage(messages)));
}

let webpackRequire = null;
(self[CHUNKS] = self[CHUNKS] || []).push([['safeguard-flow-form-list-errors'], {}, (require) => {
  webpackRequire = require;
}]);
function formJs() {
  try {
    return webpackRequire ? (webpackRequire(FORM_JS_MODULE) || {}).Form : null;
  } catch (e) {
    return null; // another Camunda version: the module number names something else, or nothing
  }
}
const Form = formJs();
if (Form && typeof Form.prototype._setState === 'function' && !Form.prototype._setState.safeguardFlow) {
  const setState = Form.prototype._setState;
  const mended = function (state) {
    if (state && state.errors && typeof state.errors === 'object') {
      return setState.call(this, { ...state, errors: withoutEmptyEntries(state.errors) });
    }
    return setState.call(this, state);
  };
  mended.safeguardFlow = true;
  Form.prototype._setState = mended;
} else if (!Form || !Form.prototype._setState.safeguardFlow) {
  // The browser test ListFormsInBrowserTest fails when this happens (e.g. a new Camunda version).
  console.error('Safeguard Flow: form-js Form not found in the web apps; forms with lists may keep Complete disabled');
}

export default [];
