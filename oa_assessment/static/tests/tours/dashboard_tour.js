import { registry } from "@web/core/registry";

// Run by tests/test_ui.py as a project-group demo user working in Chinese:
// the test names the unit (data, not interface text).  Its row is red on A
// this month (nobody visits); the previous month holds its failed
// assessment, which the row opens.
const ROW = ".o_oa_dashboard_row:contains('看板测试单位')";

registry.category("web_tour.tours").add("oa_assessment_tour_dashboard", {
    steps: () => [
        {
            content: "Open the roll-out and assessment menu",
            trigger: ".o_main_navbar button[data-menu-xmlid='oa_assessment.oa_assessment_menu_root']",
            run: "click",
        },
        {
            content: "Open the dashboard",
            trigger: ".dropdown-item[data-menu-xmlid='oa_assessment.oa_assessment_dashboard_menu']",
            run: "click",
        },
        {
            content: "The unit's A misses its target this month: red",
            trigger: `${ROW} .o_oa_cell[data-key=a].o_oa_missed`,
        },
        {
            content: "No assessment yet this month: findings not red",
            trigger: `${ROW} .o_oa_cell[data-key=findings]:not(.o_oa_missed)`,
        },
        {
            content: "The trends are drawn",
            trigger: ".o_oa_dashboard_trend[data-metric=a] canvas",
        },
        {
            content: "Sort by A",
            trigger: ".o_oa_dashboard_table th[data-key=a]",
            run: "click",
        },
        {
            content: "Sorted by A",
            trigger: ".o_oa_dashboard_table th[data-key=a] .fa-sort-asc",
        },
        {
            content: "Pick the previous month",
            trigger: ".o_oa_dashboard_month",
            run() {
                const select = this.anchor;
                select.value = select.options[1].value;
                select.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The previous month's failed assessment is shown in red",
            trigger: `${ROW} .o_oa_cell[data-key=findings].o_oa_missed`,
        },
        {
            content: "Open the unit's evidence: its assessment of that month",
            trigger: `${ROW} .o_oa_cell[data-key=name]`,
            run: "click",
        },
        {
            content: "The assessment of the unit opens",
            trigger: ".o_form_view .o_field_widget[name=unit_id]:contains('看板测试单位')",
        },
    ],
});
