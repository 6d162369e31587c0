import { registry } from "@web/core/registry";

// Short tours run by the Python HttpCase (test_ui.py), each as a different
// demo user (they use the interface in Chinese: the selectors use names,
// field names and classes, never labels). Each actor first finds the record
// in his to-do (待办: the activities of the systray), opens it, acts, and
// sees the notice of who holds it now.

// The title of the document the test creates (a part without punctuation).
const TITLE = "关于启用协同办公系统的通知";

/** Open the to-do (activity systray), find the record of ``model`` there
 * and open it. */
function openFromTodo(model) {
    return [
        {
            content: "Open the to-do (activities)",
            trigger: ".o_menu_systray .dropdown-toggle:has(i.fa-clock-o)",
            run: "click",
        },
        {
            content: "Open the to-do of this kind of records",
            trigger: `.o-mail-ActivityMenu .o-mail-ActivityGroup[data-model_name="${model}"]`,
            run: "click",
        },
        {
            content: "The record waits in the to-do: open it",
            trigger: `.o_list_view .o_data_row .o_data_cell[name=name]:contains(${TITLE})`,
            run: "click",
        },
    ];
}

/** The record is at ``state`` (status bar). */
function atState(state) {
    return {
        content: `The record is at the stage ${state}`,
        trigger: `.o_form_view .o_statusbar_status button[data-value=${state}].o_arrow_button_current`,
    };
}

/** The success notice: who holds the record now. */
function holderNotice() {
    return {
        content: "The notice says who holds the record now",
        trigger: `.o_notification:has(.o_notification_bar.bg-success) .o_notification_content:contains(${TITLE})`,
    };
}

/** Click the step's button, write the opinion in the dialog, confirm. */
function opinionDialog(opinion) {
    return [
        {
            content: "Act: a dialog asks the opinion",
            trigger: ".o_form_view .o_form_statusbar button[name=action_open_opinion_wizard]",
            run: "click",
        },
        {
            content: "Write the opinion",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: `edit ${opinion}`,
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
    ];
}

/** Choose ``name`` in the user field ``field`` (many2one or many2many). */
function chooseUser(field, name) {
    return [
        {
            content: `Choose ${name}`,
            trigger: `.o_form_view .o_field_widget[name=${field}] input`,
            run: `edit ${name}`,
        },
        {
            content: `Pick ${name} in the list`,
            trigger: `.o_field_widget[name=${field}] .o-autocomplete--dropdown-item:contains(${name})`,
            run: "click",
        },
    ];
}

// ---- Outgoing document ----

// The drafter submits his draft: it goes to the review step.
registry.category("web_tour.tours").add("oa_document_tour_drafter", {
    steps: () => [
        {
            content: "Submit the draft",
            trigger: ".o_form_view .o_form_statusbar button[name=action_submit]",
            run: "click",
        },
        atState("review"),
    ],
});

// The leader in charge reviews the document (审核) with his opinion: it goes
// to the office check step.
registry.category("web_tour.tours").add("oa_document_tour_leader", {
    steps: () => [
        ...openFromTodo("oa.document"),
        atState("review"),
        ...opinionDialog("同意,请办公室核稿。"),
        holderNotice(),
        atState("check"),
    ],
});

// The company leader signs it off (签发) with his opinion: it goes to the
// numbering step.
registry.category("web_tour.tours").add("oa_document_tour_sign", {
    steps: () => [
        ...openFromTodo("oa.document"),
        atState("sign"),
        ...opinionDialog("同意签发。"),
        holderNotice(),
        atState("number"),
    ],
});

// ---- Incoming document (收文) ----

// The document clerk of a receiving unit signs for the incoming document
// (签收): it is registered with a receipt number (…收〔year〕n号).
registry.category("web_tour.tours").add("oa_document_tour_clerk_receive", {
    steps: () => [
        ...openFromTodo("oa.document.incoming"),
        atState("to_receive"),
        {
            content: "Receive the incoming document",
            trigger: ".o_form_view .o_form_statusbar button[name=action_receive]",
            run: "click",
        },
        holderNotice(),
        atState("registered"),
        {
            content: "It has a receipt number",
            trigger: ".o_form_view .o_field_widget[name=receipt_number]:contains('收')",
        },
    ],
});

// The clerk proposes the handling (拟办) to the unit's leader in charge.
registry.category("web_tour.tours").add("oa_document_tour_clerk_propose", {
    steps: () => [
        ...openFromTodo("oa.document.incoming"),
        atState("registered"),
        ...chooseUser("leader_id", "胡海涛"),
        ...opinionDialog("拟请胡总阅示,由人力资源部郭婷承办。"),
        holderNotice(),
        atState("proposed"),
    ],
});

// The leader instructs (批办): he names the handler and writes his
// instruction.
registry.category("web_tour.tours").add("oa_document_tour_leader_instruct", {
    steps: () => [
        ...openFromTodo("oa.document.incoming"),
        atState("proposed"),
        ...chooseUser("handler_ids", "郭婷"),
        {
            content: "The handler is chosen",
            trigger: ".o_form_view .o_field_widget[name=handler_ids] .o_tag:contains(郭婷)",
        },
        ...opinionDialog("请郭婷抓紧落实,月底前反馈。"),
        holderNotice(),
        atState("instructed"),
    ],
});

// The handler starts, writes his result (承办结果) and finishes.
registry.category("web_tour.tours").add("oa_document_tour_handler", {
    steps: () => [
        ...openFromTodo("oa.document.incoming"),
        atState("instructed"),
        {
            content: "Start handling",
            trigger: ".o_form_view .o_form_statusbar button[name=action_start]",
            run: "click",
        },
        holderNotice(),
        atState("handling"),
        {
            content: "Write the result of the handling",
            trigger: ".o_form_view .o_field_widget[name=feedback] textarea",
            run: "edit 已组织部门学习并落实。",
        },
        {
            content: "Finish",
            trigger: ".o_form_view .o_form_statusbar button[name=action_finish]",
            run: "click",
        },
        atState("done"),
    ],
});

// The clerk files the handled document (归档).
registry.category("web_tour.tours").add("oa_document_tour_clerk_archive", {
    steps: () => [
        ...openFromTodo("oa.document.incoming"),
        atState("done"),
        {
            content: "Archive it",
            trigger: ".o_form_view .o_form_statusbar button[name=action_archive_incoming]",
            run: "click",
        },
        holderNotice(),
        atState("archived"),
    ],
});
