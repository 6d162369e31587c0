import { registry } from "@web/core/registry";

// Run by tests/test_ui.py as a project-group user working in Chinese: every
// selector reads a name, a field or a class, never a label.  The test names
// the unit and its administrator (data, not interface text).

const MENU = "oa_assessment.oa_assessment_menu_root";

function openMenu(xmlid) {
    return [
        {
            content: "Open the roll-out and assessment menu",
            trigger: `.o_main_navbar button[data-menu-xmlid='${MENU}']`,
            run: "click",
        },
        {
            content: `Choose ${xmlid}`,
            trigger: `.dropdown-item[data-menu-xmlid='oa_assessment.${xmlid}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("oa_assessment_tour_month", {
    steps: () => [
        ...openMenu("oa_assessment_run_wizard_menu"),
        {
            content: "Assess the proposed month (every OA unit)",
            trigger: ".modal footer button[name=action_run]",
            run: "click",
        },
        {
            content: "Open the unit's assessment",
            trigger:
                ".o_list_view:not(:has(.modal)) .o_data_row:contains('界面考核单位') .o_data_cell[name=month_label]",
            run: "click",
        },
        {
            content: "Adjust the administrator's fine",
            trigger:
                ".o_form_view .o_field_widget[name=line_ids] .o_data_row:contains('tour_assess_admin') button[name=action_adjust]",
            run: "click",
        },
        {
            content: "Type the new amount",
            trigger: ".modal .o_field_widget[name=amount] input",
            run: "edit 150",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 首次发现,已整改",
        },
        {
            content: "Confirm the adjustment",
            trigger: ".modal footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The adjusted amount is in the findings",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_field_widget[name=line_ids] .o_data_row:contains('tour_assess_admin') .o_data_cell[name=amount]:contains('150')",
        },
        {
            content: "Approve",
            trigger: ".o_form_view .o_form_statusbar button[name=action_approve]",
            run: "click",
        },
        {
            content: "Confirm the approval",
            trigger: ".modal footer .btn-primary",
            run: "click",
        },
        {
            content: "The assessment is approved and numbered",
            trigger:
                "body:not(:has(.modal)) .o_form_view .o_statusbar_status button[data-value=approved].o_arrow_button_current",
        },
        {
            content: "The notice number is shown",
            trigger: ".o_form_view .o_field_widget[name=number] span:not(:empty)",
        },
        ...openMenu("oa_assessment_export_wizard_menu"),
        {
            content: "Export the month's fines for finance",
            trigger: ".modal footer button[name=action_export]",
            run: "click",
        },
        {
            content: "The download ends without an error dialog",
            trigger:
                "body:not(:has(.o_error_dialog)):not(:has(.o_blockUI)) .modal footer button[name=action_export]:enabled",
        },
        {
            content: "Still no error dialog",
            trigger: "body:not(:has(.o_error_dialog)) .o_main_navbar",
        },
    ],
});
