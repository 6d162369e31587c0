/** A flow to-do (待办 of a step) ends when its step is handled: no "mark as
 * done" in the popover of a list or kanban card (the server refuses it too). */
import { ActivityListPopoverItem } from "@mail/core/web/activity_list_popover_item";
import { patch } from "@web/core/utils/patch";

patch(ActivityListPopoverItem.prototype, {
    get hasMarkDoneButton() {
        return super.hasMarkDoneButton && !this.props.activity.oa_flow;
    },
});
