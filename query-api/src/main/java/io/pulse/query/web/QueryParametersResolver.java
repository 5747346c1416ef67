package io.pulse.query.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Fills a record annotated with springdoc's {@link ParameterObject} from the query string, so that
 * one record declares an endpoint's parameters for the OpenAPI document and for reading them. Each
 * component takes the first value of the parameter of its name (null when absent); a parameter the
 * record does not declare is a 400 {@code unknown-parameter}. Values stay strings: the endpoint's
 * {@code *Requests} type parses them, so a malformed value gets a message naming it instead of a
 * generic conversion error. Nothing else binds (no headers, no path variables).
 */
final class QueryParametersResolver implements HandlerMethodArgumentResolver {

  private final Map<Class<?>, Declared> declared = new ConcurrentHashMap<>();

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    Class<?> type = parameter.getParameterType();
    return type.isRecord() && type.isAnnotationPresent(ParameterObject.class);
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest request,
      WebDataBinderFactory binderFactory) throws Exception {
    Declared parameters = declared.computeIfAbsent(parameter.getParameterType(), Declared::of);
    RequestParams.allowOnly(request, parameters.names());
    Object[] values = new Object[parameters.components().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = request.getParameter(parameters.components()[i].getName());
    }
    return parameters.constructor().newInstance(values);
  }

  /** A parameter record's components, names and canonical constructor, looked up once per type. */
  private record Declared(RecordComponent[] components, Set<String> names, Constructor<?> constructor) {

    static Declared of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      for (RecordComponent component : components) {
        if (component.getType() != String.class) {
          throw new IllegalStateException(type.getName() + "." + component.getName()
              + ": query parameter records hold strings; their *Requests type parses them");
        }
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(
            Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        constructor.setAccessible(true);
        return new Declared(components, Set.copyOf(Arrays.stream(components).map(RecordComponent::getName).toList()),
            constructor);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("a record always has its canonical constructor: " + type.getName(), e);
      }
    }
  }
}
