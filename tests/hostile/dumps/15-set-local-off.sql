SET LOCAL standard_conforming_strings TO off;
SELECT 'x\''; COMMIT; CREATE TABLE public.planted (x int); SELECT '\'';
