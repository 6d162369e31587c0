import { registry } from "@web/core/registry";

// Three short tours run by tests/test_ui.py, each as a different user.
const TITLE = "关于系统割接的紧急通知";

// A unit administrator writes a notice for the whole group that requires
// acknowledgement, and publishes it.
registry.category("web_tour.tours").add("oa_portal_columns_tour_publish", {
    steps: () => [
        {
            content: "Type the title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${TITLE}`,
        },
        {
            content: "Choose the notices column",
            trigger: ".o_form_view .o_field_widget[name=column_id] input",
            run: "edit 集团办",
        },
        {
            content: "Pick the office's notices",
            trigger:
                ".o-autocomplete--dropdown-menu .dropdown-item:contains(集团办 · Notices), .o-autocomplete--dropdown-menu .dropdown-item:contains(集团办 · 通知公告)",
            run: "click",
        },
        {
            content: "Address the whole group",
            trigger: ".o_form_view .o_field_widget[name=audience] input[data-value=group]",
            run: "click",
        },
        {
            content: "Require reading",
            trigger: ".o_form_view .o_field_widget[name=requires_read] input",
            run: "click",
        },
        {
            content: "Require acknowledgement",
            trigger: ".o_form_view .o_field_widget[name=requires_ack] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Publish",
            trigger: ".o_form_view .o_form_statusbar button[name=action_publish]",
            run: "click",
        },
        {
            content: "The publisher is told what is published where",
            trigger: `.o_notification:contains(“${TITLE}”):contains(公司办公室)`,
        },
        {
            content: "The notice is published",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=published].o_arrow_button_current",
        },
    ],
});

// A user of another unit finds it in 待阅 on his workbench, reads it and
// acknowledges it.
registry.category("web_tour.tours").add("oa_portal_columns_tour_read", {
    steps: () => [
        {
            content: "The notice waits in the to-read block of the workbench",
            trigger: `.o_oa_workbench .o_oa_block_to_read .o_oa_article_item:contains(${TITLE})`,
            run: "click",
        },
        {
            content: "The reading view shows the notice",
            trigger: `.o_oa_article_reading .o_field_widget[name=name]:contains(${TITLE})`,
        },
        {
            content: "Acknowledge: 我已阅知",
            trigger: ".o_oa_article_reading button[name=action_acknowledge]",
            run: "click",
        },
        {
            content: "It is acknowledged",
            trigger: ".o_oa_article_reading .o_oa_acknowledged:visible",
        },
        {
            content: "Back to the workbench",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "Nothing left to read about it",
            trigger: ".o_oa_workbench .o_oa_block_to_read",
            run: function () {
                if (this.anchor.textContent.includes(TITLE)) {
                    throw new Error("The acknowledged notice is still to be read");
                }
            },
        },
    ],
});

// The publisher sees the reader in "who has read".
registry.category("web_tour.tours").add("oa_portal_columns_tour_who_read", {
    steps: () => [
        {
            content: "Open the who-has-read tab",
            trigger: ".o_form_view .o_notebook .nav-link[name=readers]",
            run: "click",
        },
        {
            content: "The reader is listed, with his acknowledgement",
            trigger:
                ".o_form_view .o_field_widget[name=read_ids] .o_data_row:contains(孙晓燕) .o_data_cell[name=ack_date]:not(:empty)",
        },
    ],
});
