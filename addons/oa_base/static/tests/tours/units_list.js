import { registry } from "@web/core/registry";

// The project group opens the unit list, sees which units are incomplete and
// opens one of them: the form warns about its missing roles.
registry.category("web_tour.tours").add("oa_base_units_list", {
    steps: () => [
        {
            content: "Open the filter menu",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Choose 'Set-up Incomplete'",
            trigger: ".o_filter_menu .o_menu_item:contains('Set-up Incomplete')",
            run: "click",
        },
        {
            content: "Open the incomplete factory",
            trigger: ".o_data_row td[name=complete_name]:contains('铸造专业厂')",
            run: "click",
        },
        {
            content: "The form warns about the missing roles",
            trigger: ".o_form_view .alert-warning:contains('No leader in charge')",
        },
    ],
});
