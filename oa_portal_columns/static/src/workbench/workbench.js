import { Component, EventBus, markup, onWillStart, useState, useSubEnv } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

// One block of work items (待办 or 已办): clicking a line opens its record.
export class WorkbenchWorkList extends Component {
    static template = "oa_portal_columns.WorkbenchWorkList";
    static props = {
        items: Array,
        emptyText: String,
        dateField: { type: String, optional: true },
    };

    openRecord(item) {
        this.env.workbenchBus.trigger("open-record", item);
    }
}

// One block of articles (待阅, 已阅, news, notices): clicking opens the
// reading view, which records the reading.
export class WorkbenchArticleList extends Component {
    static template = "oa_portal_columns.WorkbenchArticleList";
    static props = {
        items: Array,
        emptyText: String,
        name: String,
    };

    openArticle(item) {
        this.env.workbenchBus.trigger("open-article", item);
    }
}

// The knowledge-centre search box.
export class WorkbenchKnowledgeSearch extends Component {
    static template = "oa_portal_columns.WorkbenchKnowledgeSearch";
    static props = {};

    setup() {
        this.state = useState({ query: "" });
    }

    onKeydown(ev) {
        if (ev.key === "Enter") {
            this.search();
        }
    }

    search() {
        this.env.workbenchBus.trigger("search-knowledge", this.state.query.trim());
    }
}

export class Workbench extends Component {
    static template = "oa_portal_columns.Workbench";
    static components = {
        Layout,
        WorkbenchWorkList,
        WorkbenchArticleList,
        WorkbenchKnowledgeSearch,
    };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, tab: "pending" });
        useSubEnv({ workbenchBus: new EventBus() });
        useBus(this.env.workbenchBus, "open-record", (ev) => this.openRecord(ev.detail));
        useBus(this.env.workbenchBus, "open-article", (ev) => this.openArticle(ev.detail));
        useBus(this.env.workbenchBus, "search-knowledge", (ev) =>
            this.searchKnowledge(ev.detail)
        );
        onWillStart(() => this.load());
    }

    async load() {
        // Every block in one call.
        this.state.data = await this.orm.call("oa.workbench", "get_data", []);
    }

    setTab(tab) {
        this.state.tab = tab;
    }

    openRecord(item) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: item.res_model,
            res_id: item.res_id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    async openArticle(item) {
        const action = await this.orm.call("oa.article", "action_open_reading", [[item.id]]);
        return this.actionService.doAction(action);
    }

    async searchKnowledge(query) {
        // The Knowledge Centre with the query as a facet of its search bar
        // (title, body and attachments, oa_article_search.py): each hit shows
        // where it matches, and an empty result says what to do.
        const action = await this.orm.call("oa.article", "action_search_knowledge", [query]);
        // an action returned by a method call: its help (the empty state,
        // sanitised HTML of the action) is shown as HTML, as Odoo does for
        // the actions it loads itself
        if (action.help) {
            action.help = markup(action.help);
        }
        return this.actionService.doAction(action);
    }

    get emptyTexts() {
        return {
            todo: _t("Nothing waits for you."),
            done: _t("No completed work yet."),
            toRead: _t("Nothing left to read."),
            read: _t("Nothing read yet."),
            news: _t("No news yet."),
            notices: _t("No notices yet."),
        };
    }
}

registry.category("actions").add("oa_portal_columns.workbench", Workbench);
