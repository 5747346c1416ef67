package io.pulse.query.auth;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.pulse.query.ClickHouseTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** Only an explicit pulse.query.auth.enabled=false opens the API; then no key is needed, nor configured, nor declared. */
@SpringBootTest(properties = {"pulse.query.auth.enabled=false", "pulse.query.auth.read-keys="})
@AutoConfigureMockMvc
class ReadAccessDisabledTest {

  @DynamicPropertySource
  static void clickHouse(DynamicPropertyRegistry registry) {
    ClickHouseTestSupport.register(registry);
  }

  @Autowired MockMvc mvc;

  @Test
  void theApiAnswersWithoutAKeyAndTheDocumentDeclaresNoScheme() throws Exception {
    mvc.perform(get("/v1/aggregations")).andExpect(status().isOk());
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.components.securitySchemes").doesNotExist());
  }
}
