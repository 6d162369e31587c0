/* License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

// 等保 8.1.4.1 b: a web session left idle past the delay is logged out.
// The user works in the web client (his proxies), then the test's
// /oa_security/test/idle ages his session file as if he had been away for
// that many minutes; what the user does next shows whether he is still in.

const tours = registry.category("web_tour.tours");

function work() {
    return [
        {content: "The web client shows his proxies", trigger: ".o_list_view"},
        {trigger: ".o_list_button_add", run: "click"},
        {content: "A new proxy's form", trigger: ".o_form_view .o_form_editable"},
        {trigger: ".o_form_button_cancel", run: "click"},
        {content: "Back in the list", trigger: ".o_list_view .o_list_button_add"},
    ];
}

function idle(minutes) {
    return {
        content: `Away from the keyboard for ${minutes} minutes`,
        trigger: ".o_main_navbar",
        async run() {
            await rpc("/oa_security/test/idle", {minutes});
        },
    };
}

function openEmployees() {
    // A menu whose action is not loaded yet: several RPCs
    return [
        {trigger: ".o_navbar_apps_menu button:enabled", run: "click"},
        {trigger: ".o_app[data-menu-xmlid='hr.menu_hr_root']", run: "click"},
    ];
}

function onLoginPage() {
    return {
        content: "The login form, whatever its language",
        trigger: "form.oe_login_form input#login",
        run() {
            if (window.location.pathname !== "/web/login") {
                throw new Error(`Not the login page: ${window.location.pathname}`);
            }
            if (document.querySelector(".o_main_navbar, .o_action_manager")) {
                throw new Error("The web client is still there");
            }
        },
    };
}

tours.add("oa_security_idle_logout_rpc", {
    steps: () => [
        ...work(),
        idle(31),
        ...openEmployees(),
        {
            content: "The server refuses the session: the web client says so",
            trigger: ".modal .o_error_dialog",
        },
        {
            content: "Close it (one dialog per refused RPC: the top one)",
            trigger: ".modal:last .modal-footer .o-default-button",
            run: "click",
        },
        onLoginPage(),
    ],
});

tours.add("oa_security_idle_logout_navigation", {
    steps: () => [
        ...work(),
        idle(31),
        {
            content: "Reload the page",
            trigger: ".o_list_view",
            run() {
                window.location.reload();
            },
        },
        onLoginPage(),
        {trigger: "input#password", run: "edit Oa@Sec#2026"},
        {trigger: "input#login", run: "edit sec_colleague"},
        {trigger: ".oe_login_buttons button.btn-primary", run: "click"},
        {content: "Logged in again, back to his proxies", trigger: ".o_list_view"},
    ],
});

tours.add("oa_security_idle_kept", {
    steps: () => [
        ...work(),
        idle(29),
        ...openEmployees(),
        {
            content: "The employees open; no session error",
            trigger: ".o_action_manager .o_kanban_view",
            run() {
                if (document.querySelector(".modal .o_error_dialog")) {
                    throw new Error("An error dialog is open");
                }
            },
        },
        {
            content: "Reload the page",
            trigger: ".o_main_navbar",
            run() {
                document.body.classList.add("o_oa_before_reload");
                window.location.reload();
            },
        },
        {
            content: "Still in the web client, with the employees",
            trigger: "body:not(.o_oa_before_reload) .o_action_manager .o_kanban_view",
            run() {
                if (!window.location.pathname.startsWith("/odoo")) {
                    throw new Error(`Not the web client: ${window.location.pathname}`);
                }
            },
        },
    ],
});
