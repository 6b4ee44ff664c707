SELECT E'a\''; COMMIT; CREATE TABLE public.planted (x int); SELECT 1 ';
