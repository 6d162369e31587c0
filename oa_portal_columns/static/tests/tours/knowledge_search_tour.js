import { registry } from "@web/core/registry";

// tests/test_knowledge_tour.py: from the workbench, a search with no hit
// lands on the Knowledge Centre's empty state, shown as a page (not as
// HTML source), the term in the search bar.
registry.category("web_tour.tours").add("oa_portal_columns_tour_knowledge_empty", {
    steps: () => [
        {
            content: "Type a term found nowhere in the workbench's search box",
            trigger: ".o_oa_knowledge_search input",
            run: "edit 无此词语甲乙丙",
        },
        {
            content: "Search",
            trigger: ".o_oa_knowledge_search button",
            run: "click",
        },
        {
            content: "The term is a facet of the search bar",
            trigger: ".o_searchview_facet:contains(无此词语甲乙丙)",
        },
        {
            content: "The empty state is rendered as HTML",
            trigger: ".o_view_nocontent .o_view_nocontent_empty_folder",
            run: () => {
                const text = document.querySelector(".o_view_nocontent").textContent;
                if (text.includes("<p")) {
                    throw new Error("the empty state shows HTML source: " + text);
                }
            },
        },
    ],
});
