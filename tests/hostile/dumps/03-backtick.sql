CREATE OPERATOR public.` (function = int4pl, leftarg = int4, rightarg = int4); COMMIT; CREATE TABLE public.planted (x int); SELECT 1 ` 2;
