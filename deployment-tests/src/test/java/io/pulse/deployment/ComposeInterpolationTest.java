package io.pulse.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeInterpolationTest {

  private final ComposeInterpolation unset = new ComposeInterpolation(Map.of());
  private final ComposeInterpolation set = new ComposeInterpolation(Map.of("PORT", "9999", "EMPTY", ""));

  @Test
  void defaults_apply_when_the_variable_is_unset() {
    assertThat(unset.interpolate("${PORT:-8081}:8081")).isEqualTo("8081:8081");
    assertThat(set.interpolate("${PORT:-8081}:8081")).isEqualTo("9999:8081");
    assertThat(set.interpolate("${EMPTY:-x} ${EMPTY-x}")).isEqualTo("x ");
    assertThat(unset.interpolate("${A:-${B:-nested}}")).isEqualTo("nested");
  }

  @Test
  void dollar_dollar_is_a_literal_dollar_for_the_container_shell() {
    assertThat(unset.interpolate("echo $$HOME ${X}$Y")).isEqualTo("echo $HOME ");
  }

  @Test
  void required_variables_fail_when_unset() {
    assertThatThrownBy(() -> unset.interpolate("${KEY:?set KEY}")).hasMessageContaining("KEY");
    assertThat(set.interpolate("${PORT:?x} ${PORT:+on} ${NOPE:+on}")).isEqualTo("9999 on ");
  }
}
