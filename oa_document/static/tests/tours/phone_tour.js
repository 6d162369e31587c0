import { registry } from "@web/core/registry";

// Tours on a phone (390 × 844, touch), run by tests/test_phone_tours.py, each
// as a demo user who starts from his workbench (工作台): the whole title of
// the to-do is shown, the button of his step is the first button of the
// form in sight (not in the ⚙ menu), 新建 stays on one line and the ribbon
// 已归档 leaves the title uncovered.  The selectors use names, field names
// and classes, never labels (the users work in Chinese).

// The titles of the records the test creates (tests/test_phone_tours.py).
const RECEIPT_TITLE = "关于做好手机办理收文签收和拟办工作的通知";
const REVIEW_TITLE = "关于开展手机审核公文试点工作的通知";

/** The tour runs in a phone-sized browser. */
function onAPhone() {
    return {
        content: "The browser is as wide as a phone",
        trigger: ".o_oa_workbench .o_oa_block_todo",
        run() {
            if (window.innerWidth > 400) {
                throw new Error(`The window is ${window.innerWidth}px wide, not a phone`);
            }
        },
    };
}

/** The to-do of the workbench shows the whole ``title`` (two lines at most):
 * no box between the title and its line cuts it; then open it. */
function openFromWorkbench(title) {
    return [
        {
            content: `The to-do shows the whole title ${title}`,
            trigger: `.o_oa_block_todo .o_oa_work_item .o_oa_item_title:contains(${title})`,
            run() {
                const line = this.anchor.closest(".o_oa_work_item");
                for (let box = this.anchor; box !== line; box = box.parentElement) {
                    const style = getComputedStyle(box);
                    const cutX =
                        style.overflowX !== "visible" && box.scrollWidth > box.clientWidth + 1;
                    const cutY =
                        style.overflowY !== "visible" &&
                        box.scrollHeight > box.clientHeight + 1;
                    if (cutX || cutY) {
                        throw new Error(`The title is cut: ${box.outerHTML.slice(0, 200)}`);
                    }
                }
                const shown = this.anchor.getBoundingClientRect();
                const room = line.getBoundingClientRect();
                if (shown.right > room.right + 1 || shown.bottom > room.bottom + 1) {
                    throw new Error("The title runs out of its line");
                }
            },
        },
        {
            content: "Open it",
            trigger: `.o_oa_block_todo .o_oa_work_item:has(.o_oa_item_title:contains(${title}))`,
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

/** The button ``name`` of the step is the first button of the status bar,
 * with the ⚙ menu closed, and inside the screen when the form has just
 * opened (``inSight``); click it. */
function stepButton(name, { inSight = true } = {}) {
    const trigger = `.o_form_view .o_form_statusbar .o_statusbar_buttons > button:first-child[name=${name}]`;
    return [
        {
            content: `The step's button ${name} comes first, the ⚙ menu closed`,
            trigger,
            run() {
                if (document.querySelector(".o-dropdown--menu")) {
                    throw new Error("A menu (⚙) is open");
                }
                const rect = this.anchor.getBoundingClientRect();
                const outside =
                    rect.left < 0 ||
                    rect.top < 0 ||
                    rect.right > window.innerWidth ||
                    rect.bottom > window.innerHeight;
                if (inSight && outside) {
                    throw new Error(`The button ${name} is out of the screen`);
                }
            },
        },
        {
            content: `Click ${name}`,
            trigger,
            run: "click",
        },
    ];
}

/** Write the opinion in the dialog and confirm. */
function opinionDialog(opinion) {
    return [
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

/** The success notice names the record. */
function holderNotice(title) {
    return {
        content: "The notice says who holds the record now",
        trigger: `.o_notification:has(.o_notification_bar.bg-success) .o_notification_content:contains(${title})`,
    };
}

// 收文: the clerk of the receiving unit signs for it (签收) and proposes its
// handling (拟办) to the unit's leader in charge.
registry.category("web_tour.tours").add("oa_document_tour_phone_receipt", {
    steps: () => [
        onAPhone(),
        ...openFromWorkbench(RECEIPT_TITLE),
        atState("to_receive"),
        ...stepButton("action_receive"),
        holderNotice(RECEIPT_TITLE),
        atState("registered"),
        {
            content: "Choose the leader: on a phone the users are listed in a dialog",
            trigger: ".o_form_view .o_field_widget[name=leader_id] input",
            run: "click",
        },
        {
            content: "Open the search of the dialog",
            trigger: ".modal .o_control_panel button:has(.fa-search)",
            run: "click",
        },
        {
            content: "Search the leader",
            trigger: ".modal .o_searchview_input",
            run: "edit 胡海涛 && press Enter",
        },
        {
            content: "Pick him",
            trigger: ".modal .o_kanban_record:contains(胡海涛)",
            run: "click",
        },
        {
            content: "He is the chosen leader",
            trigger: ".o_form_view .o_field_widget[name=leader_id] input:value(胡海涛)",
        },
        // (the form is scrolled down to the leader's field now)
        ...stepButton("action_open_opinion_wizard", { inSight: false }),
        ...opinionDialog("拟请胡总阅示,由人力资源部郭婷承办。"),
        holderNotice(RECEIPT_TITLE),
        atState("proposed"),
    ],
});

// 发文: the leader in charge reviews it (审核) with his opinion.
registry.category("web_tour.tours").add("oa_document_tour_phone_review", {
    steps: () => [
        onAPhone(),
        ...openFromWorkbench(REVIEW_TITLE),
        atState("review"),
        {
            content: "新建 is on one line",
            trigger: ".o_control_panel .o_form_button_create",
            run() {
                const style = getComputedStyle(this.anchor);
                const text =
                    this.anchor.clientHeight -
                    parseFloat(style.paddingTop) -
                    parseFloat(style.paddingBottom);
                if (text > 1.5 * parseFloat(style.lineHeight)) {
                    throw new Error(`新建 breaks over lines (${text}px high)`);
                }
            },
        },
        ...stepButton("action_open_opinion_wizard"),
        ...opinionDialog("同意,请办公室核稿。"),
        holderNotice(REVIEW_TITLE),
        atState("check"),
    ],
});

// An archived receipt: the ribbon 已归档 does not cover the title.
registry.category("web_tour.tours").add("oa_document_tour_phone_archived", {
    steps: () => [
        atState("archived"),
        {
            content: "The ribbon leaves every line of the title uncovered",
            trigger: ".o_form_view .o_form_sheet .ribbon",
            run() {
                const ribbon = this.anchor.getBoundingClientRect();
                const title = document.querySelector(".o_form_view .oe_title h1");
                const range = document.createRange();
                range.selectNodeContents(title);
                for (const line of range.getClientRects()) {
                    if (
                        line.width &&
                        line.left < ribbon.right &&
                        ribbon.left < line.right &&
                        line.top < ribbon.bottom &&
                        ribbon.top < line.bottom
                    ) {
                        throw new Error("The ribbon covers the title");
                    }
                }
            },
        },
    ],
});
