package dev.charrnn.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.WebUtils;

/**
 * Multipart forms are as strict as JSON bodies: every part must be one the endpoint reads (its
 * {@code @RequestPart} files, its {@code @RequestParam}s and the properties of its {@code @ModelAttribute}, nested
 * records as {@code initFrom.runId}), a file where a file belongs and a plain field where a field belongs, and
 * each at most once unless it is a list. Otherwise the form is a 400 naming the part: binding alone would drop
 * what it does not know, and train on the built-in corpus when the file came under another name.
 */
@Configuration(proxyBeanMethods = false)
class MultipartStrictness implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart == null || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        Map<String, Boolean> files = new TreeMap<>();
        Map<String, Boolean> fields = new TreeMap<>();
        for (MethodParameter p : method.getMethodParameters()) {
            RequestPart part = p.getParameterAnnotation(RequestPart.class);
            RequestParam param = p.getParameterAnnotation(RequestParam.class);
            if (part != null || param != null) {
                String name = part != null ? part.name() : param.name();
                name = name.isEmpty() ? p.getParameterName() : name;
                boolean isFile = MultipartFile.class.isAssignableFrom(p.getParameterType())
                        || MultipartFile.class.equals(p.nested().getNestedParameterType());
                (isFile ? files : fields).put(name, repeatable(p.getParameterType()));
            } else if (p.hasParameterAnnotation(ModelAttribute.class)) {
                properties(p.getParameterType(), "", fields);
            }
        }
        for (Map.Entry<String, List<MultipartFile>> e :
                multipart.getMultiFileMap().entrySet()) {
            check(e.getKey(), e.getValue().size(), files, fields, "file");
        }
        for (Map.Entry<String, String[]> e : multipart.getParameterMap().entrySet()) {
            check(e.getKey(), e.getValue().length, fields, files, "field");
        }
        return true;
    }

    private static void check(
            String name, int count, Map<String, Boolean> expected, Map<String, Boolean> others, String kind) {
        String base = name.replaceAll("\\[\\d+]$", "");
        Boolean repeatable = expected.get(base);
        if (repeatable == null) {
            throw ApiException.badRequest(
                    others.containsKey(base)
                            ? "part " + ProblemText.quote(name) + " is sent as a " + kind + "; it must be a "
                                    + (kind.equals("file") ? "plain field" : "file (with a filename)")
                            : "unknown part " + ProblemText.quote(name) + " (a " + kind + "); this form takes "
                                    + (expected.isEmpty() ? "no " + kind + "s" : kind + "s " + expected.keySet())
                                    + (others.isEmpty()
                                            ? ""
                                            : " and " + (kind.equals("file") ? "fields " : "files ")
                                                    + others.keySet()));
        }
        if (count > 1 && !repeatable) {
            throw ApiException.badRequest(
                    "part " + ProblemText.quote(name) + " is sent " + count + " times; it is allowed once");
        }
    }

    /** The bindable names of a form object: record components or writable bean properties, records nested. */
    private static void properties(Class<?> type, String prefix, Map<String, Boolean> into) {
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                add(c.getType(), prefix + c.getName(), into);
            }
            return;
        }
        for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(type)) {
            if (d.getWriteMethod() != null) {
                add(d.getPropertyType(), prefix + d.getName(), into);
            }
        }
    }

    private static void add(Class<?> type, String name, Map<String, Boolean> into) {
        if (type.isRecord()) {
            properties(type, name + ".", into);
        } else {
            into.put(name, repeatable(type));
        }
    }

    private static boolean repeatable(Class<?> type) {
        return type.isArray() || Collection.class.isAssignableFrom(type);
    }
}
