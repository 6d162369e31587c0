import { registry } from "@web/core/registry";
import { formView } from "@web/views/form/form_view";
import { FormCompiler } from "@web/views/form/form_compiler";
import { FormController } from "@web/views/form/form_controller";

// The form of a record that moves through a flow (公文, 收文…):
// <form js_class="oa_flow_form">.
//
// On a phone Odoo hides the buttons of the status bar and lists them in the
// ⚙ menu instead; the step a user is expected to take (签收, 拟办, 审核,
// 签发…) would then be out of sight.  Here they stay in the status bar at
// every width, the first of them first, and the ⚙ menu does not repeat them.

export class OaFlowFormCompiler extends FormCompiler {
    compileHeader(el, params) {
        const compiled = super.compileHeader(el, params);
        if (!params.asDropdownItems) {
            // Odoo renders them only on larger screens (or in a dialog)
            compiled.querySelector("StatusBarButtons")?.removeAttribute("t-if");
        }
        return compiled;
    }
}

export class OaFlowFormController extends FormController {
    setup() {
        super.setup();
        // the buttons are in the status bar: not in the ⚙ menu as well
        this.statusBarDropdownItemsTemplate = null;
    }

    get className() {
        return { ...super.className, o_oa_flow_form: true };
    }
}

export const oaFlowFormView = {
    ...formView,
    Compiler: OaFlowFormCompiler,
    Controller: OaFlowFormController,
};

registry.category("views").add("oa_flow_form", oaFlowFormView);
