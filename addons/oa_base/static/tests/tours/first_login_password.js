import { registry } from "@web/core/registry";

// A new user logs in with the password an administrator gave, is sent to the
// change form (which says why and states the rules), chooses a new password,
// is told it is saved and only then reaches the back end.
registry.category("web_tour.tours").add("oa_base_first_login_password", {
    steps: () => [
        {
            content: "Type the login",
            trigger: "form.oe_login_form input[name=login]",
            run: "edit oa_newcomer",
        },
        {
            content: "Type the initial password",
            trigger: "form.oe_login_form input[name=password]",
            run: "edit Initial#2026",
        },
        {
            content: "Log in",
            trigger: "form.oe_login_form button[type=submit]",
            run: "click",
        },
        {
            content: "The form says why, and the rules, before he types",
            trigger: ".o_oa_password_must_change .o_oa_password_rules li",
        },
        {
            content: "The reset form asks for a new password",
            trigger: "form.oe_reset_password_form input[name=password]",
            run: "edit Chosen#Pass2026",
        },
        {
            content: "Confirm the new password",
            trigger: "form.oe_reset_password_form input[name=confirm_password]",
            run: "edit Chosen#Pass2026",
        },
        {
            content: "Save the new password",
            trigger: "form.oe_reset_password_form button[type=submit]",
            run: "click",
        },
        {
            content: "The change is confirmed",
            trigger: ".o_oa_password_changed .alert-success",
        },
        {
            content: "Go on to the OA",
            trigger: ".o_oa_password_changed a.o_oa_password_continue",
            run: "click",
        },
        {
            content: "The back end opens",
            trigger: ".o_main_navbar",
        },
    ],
});
