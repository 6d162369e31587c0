import { registry } from "@web/core/registry";

// Three short tours run by the Python HttpCase, each as a different user and
// each started on the form of a given record (the test passes its URL).

// The drafter submits his draft: it goes to the review step.
registry.category("web_tour.tours").add("oa_document_tour_drafter", {
    steps: () => [
        {
            content: "Submit the draft",
            trigger: ".o_form_view .o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        {
            content: "The document is now at the review step",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=review].o_arrow_button_current",
        },
    ],
});

// The leader in charge approves the document he must review: it goes to the
// office check step.
registry.category("web_tour.tours").add("oa_document_tour_leader", {
    steps: () => [
        {
            content: "The document waits for the review",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=review].o_arrow_button_current",
        },
        {
            content: "Approve it: a dialog asks the review opinion",
            trigger:
                ".o_form_view .o_form_statusbar button[name=action_open_opinion_wizard]",
            run: "click",
        },
        {
            content: "Write the opinion",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: "edit 同意,请办公室核稿。",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The document is now at the office check step",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=check].o_arrow_button_current",
        },
    ],
});

// The document clerk of a receiving unit receives an incoming document: it
// is registered and gets a receipt number (…收〔year〕n号).
registry.category("web_tour.tours").add("oa_document_tour_clerk_receive", {
    steps: () => [
        {
            content: "Receive the incoming document",
            trigger: ".o_form_view .o_form_statusbar button[name=action_receive]",
            run: "click",
        },
        {
            content: "The incoming document is registered",
            trigger:
                ".o_form_view .o_statusbar_status button[data-value=registered].o_arrow_button_current",
        },
        {
            content: "It has a receipt number",
            trigger: ".o_form_view .o_field_widget[name=receipt_number]:contains('收')",
        },
    ],
});
