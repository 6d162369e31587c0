/* global Chart */
import {
    Component,
    EventBus,
    onMounted,
    onWillStart,
    onWillUnmount,
    onWillUpdateProps,
    useRef,
    useState,
    useSubEnv,
} from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

// units drawn by default in the trends: the ones furthest below target A
const DEFAULT_TREND_UNITS = 8;
const COLORS = [
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
];

// The table: one row per unit, sortable, red where a target is missed.
export class AssessmentDashboardTable extends Component {
    static template = "oa_assessment.DashboardTable";
    static props = {
        rows: Array,
        targets: Object,
        amounts: Boolean,
        trendUnits: Object,
    };

    setup() {
        this.state = useState({ sortKey: "name", asc: true });
    }

    get columns() {
        const columns = [
            { key: "name", label: _t("Unit"), numeric: false },
            { key: "users", label: _t("Users"), numeric: true },
            { key: "a", label: _t("A (target > %s)", this.props.targets.a), numeric: true },
            {
                key: "b",
                label: _t("B (target > %s)", `${Math.round(this.props.targets.b * 100)}%`),
                numeric: true,
            },
            {
                key: "training",
                label: _t("Training (target %s)", `${this.props.targets.training}%`),
                numeric: true,
            },
            { key: "tasks_late", label: _t("Overdue Tasks"), numeric: true },
            { key: "documents_late", label: _t("Late Document Steps"), numeric: true },
            { key: "columns_stale", label: _t("Stale Columns"), numeric: true },
            { key: "findings", label: _t("Findings"), numeric: true },
        ];
        if (this.props.amounts) {
            columns.push(
                { key: "fines", label: _t("Fines (yuan)"), numeric: true },
                { key: "rewards", label: _t("Commendations (yuan)"), numeric: true }
            );
        }
        return columns;
    }

    get sortedRows() {
        const { sortKey, asc } = this.state;
        const rows = [...this.props.rows];
        rows.sort((x, y) => {
            const a = x[sortKey];
            const b = y[sortKey];
            // units without a figure go last, whatever the order
            if (a === null || a === undefined || a === false) {
                return b === null || b === undefined || b === false ? 0 : 1;
            }
            if (b === null || b === undefined || b === false) {
                return -1;
            }
            const order = typeof a === "string" ? a.localeCompare(b) : a - b;
            return asc ? order : -order;
        });
        return rows;
    }

    sortBy(key) {
        if (this.state.sortKey === key) {
            this.state.asc = !this.state.asc;
        } else {
            this.state.sortKey = key;
            this.state.asc = true;
        }
    }

    missed(row, key) {
        const targets = this.props.targets;
        switch (key) {
            case "a":
                return row.a !== null && !row.a_ok;
            case "b":
                return row.b !== null && !row.b_ok;
            case "training":
                return !row.training_ok;
            case "tasks_late":
                return row.tasks_late > targets.tasks;
            case "documents_late":
                return row.documents_late > targets.documents;
            case "columns_stale":
                return row.columns_stale > 0;
            case "findings":
                return row.result === "fail";
            case "fines":
                return Boolean(row.fines);
        }
        return false;
    }

    format(row, key) {
        const value = row[key];
        if (value === null || value === undefined) {
            return "—";
        }
        switch (key) {
            case "a":
                return value.toFixed(2);
            case "b":
                return `${Math.round(value * 100)}%`;
            case "training":
                return `${value.toFixed(1)}%`;
            case "columns_stale":
                return `${value} / ${row.columns}`;
            case "fines":
            case "rewards":
                return value.toFixed(2);
        }
        return String(value);
    }

    open(row, key) {
        this.env.dashboardBus.trigger("open-evidence", { row, key });
    }

    toggleTrend(row) {
        this.env.dashboardBus.trigger("toggle-trend", row.id);
    }
}

// The trends of A and B: one line per unit and a dashed target line; the
// ratios are never stacked.
export class AssessmentDashboardTrend extends Component {
    static template = "oa_assessment.DashboardTrend";
    static props = {
        metric: String,
        title: String,
        trend: Object,
        rows: Array,
        unitIds: Array,
        target: Number,
    };

    setup() {
        this.canvasRef = useRef("canvas");
        this.chart = null;
        onMounted(() => this.render_chart(this.props));
        onWillUpdateProps((next) => this.render_chart(next));
        onWillUnmount(() => this.chart && this.chart.destroy());
    }

    config(props) {
        const scale = props.metric === "b" ? 100 : 1;
        const names = Object.fromEntries(props.rows.map((row) => [row.id, row.name]));
        const datasets = props.unitIds.map((unitId, index) => {
            const color = COLORS[index % COLORS.length];
            const values = (props.trend.series[unitId] || {})[props.metric] || [];
            return {
                label: names[unitId],
                data: values.map((v) => (v === null ? null : v * scale)),
                borderColor: color,
                backgroundColor: color,
                fill: false,
                tension: 0,
                spanGaps: true,
            };
        });
        datasets.push({
            label: _t("Target"),
            data: props.trend.months.map(() => props.target * scale),
            borderColor: "#dc3545",
            borderDash: [6, 4],
            pointRadius: 0,
            fill: false,
        });
        return {
            type: "line",
            data: { labels: props.trend.months, datasets },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {
                    y: {
                        stacked: false,
                        beginAtZero: true,
                        ticks: {
                            callback: (v) => (props.metric === "b" ? `${v}%` : v),
                        },
                    },
                },
                plugins: { legend: { position: "bottom" } },
            },
        };
    }

    render_chart(props) {
        if (this.chart) {
            this.chart.destroy();
        }
        this.chart = new Chart(this.canvasRef.el, this.config(props));
    }
}

export class AssessmentDashboard extends Component {
    static template = "oa_assessment.Dashboard";
    static components = { Layout, AssessmentDashboardTable, AssessmentDashboardTrend };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, month: null, trendUnits: [] });
        useSubEnv({ dashboardBus: new EventBus() });
        useBus(this.env.dashboardBus, "open-evidence", (ev) => this.openEvidence(ev.detail));
        useBus(this.env.dashboardBus, "toggle-trend", (ev) => this.toggleTrend(ev.detail));
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
    }

    async load(month = this.state.month) {
        // every block in one call
        const data = await this.orm.call("oa.assessment.dashboard", "get_data", [], {
            month: month || false,
        });
        this.state.data = data;
        this.state.month = data.month;
        const known = new Set(data.rows.map((row) => row.id));
        const kept = this.state.trendUnits.filter((id) => known.has(id));
        this.state.trendUnits = kept.length ? kept : this.defaultTrendUnits(data.rows);
    }

    defaultTrendUnits(rows) {
        return [...rows]
            .sort((x, y) => (x.a ?? -1) - (y.a ?? -1))
            .slice(0, DEFAULT_TREND_UNITS)
            .map((row) => row.id);
    }

    onMonthChange(ev) {
        return this.load(ev.target.value);
    }

    toggleTrend(unitId) {
        const units = this.state.trendUnits;
        this.state.trendUnits = units.includes(unitId)
            ? units.filter((id) => id !== unitId)
            : [...units, unitId];
    }

    openList(name, model, ids) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: model,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain: [["id", "in", ids]],
            target: "current",
        });
    }

    openRecord(model, id) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: model,
            res_id: id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openEvidence({ row, key }) {
        const title = `${row.name} · ${this.state.data.month}`;
        if (key === "tasks_late" && row.task_ids.length) {
            return this.openList(title, "oa.rollout.task", row.task_ids);
        }
        if (key === "documents_late" && row.document_ids.length) {
            // the unit's own documents first, then the receipts it holds up
            return this.openList(title, "oa.document", row.document_ids);
        }
        if (key === "documents_late" && row.receipt_ids.length) {
            return this.openList(title, "oa.document.incoming", row.receipt_ids);
        }
        if (key === "columns_stale" && row.column_ids.length) {
            return this.openList(title, "oa.column", row.column_ids);
        }
        if (key === "training" && row.training_id) {
            return this.openRecord("oa.training.rate", row.training_id);
        }
        if ((key === "a" || key === "b") && row.usage_ids.length) {
            return this.openRecord("oa.usage.snapshot", row.usage_ids[0]);
        }
        if (row.assessment_id) {
            // the unit's assessment of the month: its findings and evidence
            return this.openRecord("oa.assessment", row.assessment_id);
        }
        if (row.usage_ids.length) {
            return this.openRecord("oa.usage.snapshot", row.usage_ids[0]);
        }
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: title,
            res_model: "oa.usage.snapshot",
            views: [
                [false, "list"],
                [false, "form"],
            ],
            domain: [
                ["unit_id", "=", row.id],
                ["period", "=", "month"],
            ],
            target: "current",
        });
    }
}

registry.category("actions").add("oa_assessment.dashboard", AssessmentDashboard);
