import { registry } from "@web/core/registry";

// Short tours run by tests/test_ui.py, each as a different user, each started
// on the record the test gives.

function recordScore(name, score) {
    return {
        steps: () => [
            {
                content: "Open the exam sheet of the batch",
                trigger: ".o_form_view .o_form_statusbar button[name=action_open_exam_wizard]",
                run: "click",
            },
            {
                content: "Click the trainee's score",
                trigger: ".modal .o_data_row:first .o_data_cell[name=score]",
                run: "click",
            },
            {
                content: "Type the score",
                trigger: ".modal .o_data_row .o_field_widget[name=score] input",
                run: `edit ${score}`,
            },
            {
                content: "Record the results",
                trigger: ".modal footer button[name=action_confirm]",
                run: "click",
            },
            {
                content: "The result is in the batch's exams",
                trigger: `.o_form_view:not(:has(.modal)) .o_notebook_headers a[name=${name}]`,
                run: "click",
            },
            {
                content: "The exam attempt is listed",
                trigger: `.o_form_view .o_field_widget[name=exam_ids] .o_data_cell:contains('${score}')`,
            },
        ],
    };
}

registry.category("web_tour.tours").add("oa_training_tour_examiner_fail", recordScore("exams", 40));
registry.category("web_tour.tours").add("oa_training_tour_examiner_pass", recordScore("exams", 85));

// The trainee opens "My Training" and finds himself in the next batch.
registry.category("web_tour.tours").add("oa_training_tour_trainee", {
    steps: () => [
        {
            content: "The failed batch is in his history",
            // the trainee works in Chinese (new users do); English where it is not loaded
            trigger:
                ".o_list_view .o_data_row:contains('界面测试第一批'):contains('不合格'), .o_list_view .o_data_row:contains('界面测试第一批'):contains('Failed')",
        },
        {
            content: "Open the re-training enrolment",
            trigger: ".o_list_view .o_data_row:contains('界面测试第二批') .o_data_cell[name=batch_id]",
            run: "click",
        },
        {
            content: "He is enrolled again after the failure",
            trigger:
                ".o_form_view .o_field_widget[name=origin]:contains('续训'), .o_form_view .o_field_widget[name=origin]:contains('Re-training')",
        },
    ],
});
