import { registry } from "@web/core/registry";

// Two short tours run by tests/test_manuscript_ui.py, each as a different
// user: no English label is relied on (the demo users read Chinese).
const TITLE = "党群工作部开展协同办公系统应用竞赛";

// An author of the party-affairs department writes a manuscript and submits
// it to the company office.
registry.category("web_tour.tours").add("oa_portal_columns_tour_manuscript_submit", {
    steps: () => [
        {
            content: "Type the title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${TITLE}`,
        },
        {
            content: "Write the text",
            trigger: ".o_form_view .o_field_widget[name=body] .odoo-editor-editable",
            run: "editor 党群工作部组织开展协同办公系统应用竞赛，各支部踊跃参加。",
        },
        {
            content: "Submit",
            trigger: ".o_form_view .o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        {
            content: "It is submitted",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=submitted].o_arrow_button_current",
        },
    ],
});

// The information editor of the company office returns it with a reason.
registry.category("web_tour.tours").add("oa_portal_columns_tour_manuscript_return", {
    steps: () => [
        {
            content: "The manuscript waits for review",
            trigger: `.o_list_view .o_data_row td[name=name]:contains(${TITLE})`,
            run: "click",
        },
        {
            content: "Return it",
            trigger:
                ".o_form_view .o_form_statusbar button[name=action_open_return_wizard]",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 请补充竞赛的具体做法和参赛人数。",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_return]",
            run: "click",
        },
        {
            content: "It is returned, with its reason",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=returned].o_arrow_button_current",
        },
        {
            content: "The reason shows",
            trigger: ".o_form_view .alert-warning:contains(请补充竞赛的具体做法)",
        },
    ],
});

// The editor compiles the accepted manuscripts into a new issue, sends it to
// the party-affairs department and publishes it.
registry.category("web_tour.tours").add("oa_portal_columns_tour_periodical_publish", {
    steps: () => [
        {
            content: "Choose a unit the issue goes to",
            trigger: ".o_form_view .o_field_widget[name=target_unit_ids] input",
            run: "edit 党群工作部",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-menu .dropdown-item:contains(党群工作部)",
            run: "click",
        },
        {
            content: "Add the accepted manuscripts",
            trigger: ".o_form_view .o_form_statusbar button[name=action_add_accepted]",
            run: "click",
        },
        {
            content: "They are in the contents",
            trigger: ".o_form_view .o_field_widget[name=line_ids] .o_data_row",
        },
        {
            content: "Publish",
            trigger: ".o_form_view .o_form_statusbar button[name=action_publish]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "It is published, numbered",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=published].o_arrow_button_current",
        },
        {
            content: "Its number shows",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(第12期)",
        },
    ],
});
