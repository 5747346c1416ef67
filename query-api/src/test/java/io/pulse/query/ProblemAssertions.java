package io.pulse.query;

import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/** A bad parameter must be a 400 problem detail of a given type naming the parameter. */
public final class ProblemAssertions {

  private ProblemAssertions() {}

  public static void expectProblem(MockMvc mvc, RequestBuilder request, String code, String parameter) throws Exception {
    mvc.perform(request)
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
        .andExpect(jsonPath("$.type", is("https://pulse.dev/problems/" + code)))
        .andExpect(jsonPath("$.status", is(400)))
        .andExpect(jsonPath("$.parameter", is(parameter)));
  }
}
